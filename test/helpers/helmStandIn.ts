import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A stand-in for `helm` (Helm is not installable on the test machines): it records its command
 * line, working folder and the environment variables kube-lookup sets for helm, then acts as
 * KUBE_LOOKUP_TEST_HELM_MODE says:
 * - `print` (default): prints the captured `helm template` output that KUBE_LOOKUP_TEST_HELM_OUTPUTS
 *   (a JSON map from chart folder name to file) names for the chart it was asked for, or nothing;
 * - `fail`: prints an error as helm does and exits 1;
 * - `sleep`: never ends; `flood`: prints without end.
 */
const RECORDED = /^(HELM_|KUBECONFIG$|HTTPS?_PROXY$|https?_proxy$|NO_PROXY$|no_proxy$)/;

const argv = process.argv.slice(2);
const log = process.env.KUBE_LOOKUP_TEST_HELM_LOG;
if (log) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => RECORDED.test(name)));
  const plugins = process.env.HELM_PLUGINS;
  const pluginsFolder = plugins && fs.existsSync(plugins) ? fs.readdirSync(plugins) : null;
  fs.appendFileSync(log, `${JSON.stringify({ argv, cwd: process.cwd(), env, pluginsFolder })}\n`);
}
const mode = process.env.KUBE_LOOKUP_TEST_HELM_MODE ?? 'print';
if (mode === 'fail') {
  process.stderr.write(`Error: template: web/templates/service.yaml:11:20: executing "web/templates/service.yaml" at <.Values.service.targetPort>: nil pointer evaluating interface {}.targetPort\n`);
  process.exit(1);
} else if (mode === 'sleep') {
  setInterval(() => undefined, 1000);
} else if (mode === 'flood') {
  const line = `${'# flood '.repeat(16)}\n`.repeat(1024);
  const write = (): void => void process.stdout.write(line, write);
  write();
} else {
  const outputs = JSON.parse(process.env.KUBE_LOOKUP_TEST_HELM_OUTPUTS ?? '{}') as Record<string, string>;
  const chart = argv[2] === undefined ? undefined : path.basename(argv[2]);
  const file = chart === undefined ? undefined : outputs[chart];
  if (file) process.stdout.write(fs.readFileSync(file, 'utf8'));
}
