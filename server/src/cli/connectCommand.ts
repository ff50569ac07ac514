import { connectionToJson, parseConnectTarget, renderConnection, simulateConnection } from '../core/connect/index';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { chooseUnit } from './clusterChoice';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';
import { findPod } from './podOrigin';
import { UsageError } from './usageError';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/**
 * `kube-lookup connect HOST[:PORT] --from NAMESPACE/POD [--protocol TCP|UDP|SCTP] [--format text|json] [PATH...]`.
 * Exit 0 when the connection arrives at some backend; 1 when it does not; 2 on a usage error.
 */
export function connectCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'from', 'protocol']);
  const format = optionValue(args, 'format', ['text', 'json']) ?? 'text';
  const protocol = (optionValue(args, 'protocol') ?? 'TCP').toUpperCase();
  if (!PROTOCOLS.includes(protocol)) throw new UsageError(`--protocol must be one of ${PROTOCOLS.join(', ')}, not "${args.options.get('protocol')}"`);
  const [typed, ...paths] = args.positionals;
  if (!typed) throw new UsageError('connect needs a HOST:PORT or URL (kube-lookup connect HOST:PORT --from NAMESPACE/POD [PATH...])');
  const target = parseConnectTarget(typed);
  if (typeof target === 'string') throw new UsageError(target);
  const from = optionValue(args, 'from');
  if (from === undefined) throw new UsageError('connect needs --from NAMESPACE/POD: the Pod the connection starts from');
  const { model } = chooseUnit(loadWorkspace(paths, loadConfiguration(args), renderOption(args)), args, from);
  const simulation = simulateConnection(model, findPod(model, from), target, protocol);
  output.stdout(format === 'json' ? `${JSON.stringify(connectionToJson(simulation), null, 2)}\n` : renderConnection(simulation));
  return simulation.verdict === 'connected' ? 0 : 1;
}
