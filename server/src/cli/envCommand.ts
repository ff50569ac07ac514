import { renderServiceEnvironment, serviceEnvironment } from '../core/dns/index';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { chooseUnit } from './clusterChoice';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';
import { findPod } from './podOrigin';
import { UsageError } from './usageError';

/** `kube-lookup env [NAMESPACE/]POD [PATH...] [--format text|json]`: the service variables kubelet injects. */
export function envCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format']);
  const format = optionValue(args, 'format', ['text', 'json']) ?? 'text';
  const [reference, ...paths] = args.positionals;
  if (!reference) throw new UsageError('env needs a POD (kube-lookup env [NAMESPACE/]POD [PATH...])');
  const { model } = chooseUnit(loadWorkspace(paths, loadConfiguration(args), renderOption(args)), args, reference);
  const pod = findPod(model, reference);
  const environment = serviceEnvironment(model, pod);
  if (format === 'json') output.stdout(`${JSON.stringify({ pod: `${pod.namespace}/${pod.name}`, ...environment }, null, 2)}\n`);
  else output.stdout(renderServiceEnvironment(environment, pod));
  return 0;
}
