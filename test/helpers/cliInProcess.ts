import { run } from '../../server/src/cli/main';
import { repoRoot } from './paths';

/**
 * `kube-lookup ARGS` in this process (the CLI's own entry point), run from the repository root; its
 * standard output. Exit 1 (no answer, an error finding) is accepted when `allowFailure` says so.
 */
export function cliInProcess(args: readonly string[], allowFailure = false): string {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const code = run(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), color: false });
    if (code > 1 || (code === 1 && !allowFailure)) throw new Error(`kube-lookup ${args.join(' ')} exited ${code}: ${stderr}`);
  } finally {
    process.chdir(cwd);
  }
  return stdout;
}
