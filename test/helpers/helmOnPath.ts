import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One call of the helm stand-in (helmStandIn.ts), as it recorded it. */
export interface HelmCall {
  readonly argv: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly pluginsFolder: string[] | null;
}

/**
 * A folder holding an executable `helm` that runs the stand-in, and the environment that puts it
 * first on PATH and has it record its calls in a log.
 */
export function helmOnPath(outputs: Record<string, string> = {}, mode = 'print'): { folder: string; env: NodeJS.ProcessEnv; calls: () => HelmCall[]; remove: () => void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-helm-stand-in-'));
  const log = path.join(folder, 'calls.jsonl');
  fs.writeFileSync(path.join(folder, 'helm'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(__dirname, 'helmStandIn.js'))} "$@"\n`, { mode: 0o755 });
  return {
    folder,
    env: {
      ...process.env,
      PATH: `${folder}${path.delimiter}${process.env.PATH ?? ''}`,
      KUBE_LOOKUP_TEST_HELM_LOG: log,
      KUBE_LOOKUP_TEST_HELM_MODE: mode,
      KUBE_LOOKUP_TEST_HELM_OUTPUTS: JSON.stringify(outputs),
    },
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as HelmCall) : []),
    remove: () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}
