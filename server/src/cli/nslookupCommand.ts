import { QUERY_TYPES, renderDig, renderNslookup, resolveFrom, resolutionToJson, reverseName, type LookupOrigin, type QueryType } from '../core/dns/index';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { chooseUnit } from './clusterChoice';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';
import { dnsBlockedNote } from '../core/policy/index';
import { findPod } from './podOrigin';
import { UsageError } from './usageError';

/**
 * `kube-lookup nslookup NAME [--type T] [--from NS/POD | --namespace NS] [--format text|json|dig] [PATH...]`.
 * Exit 0 when the lookup ends with an answer; 1 when it does not (NXDOMAIN, NODATA, or forwarded
 * upstream without a static answer); 2 on a usage error.
 */
export function nslookupCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'type', 'from', 'namespace']);
  const format = optionValue(args, 'format', ['text', 'json', 'dig']) ?? 'text';
  const askedType = optionValue(args, 'type')?.toUpperCase() as QueryType | undefined;
  if (askedType !== undefined && !QUERY_TYPES.includes(askedType)) throw new UsageError(`--type must be one of ${QUERY_TYPES.join(', ')}, not "${args.options.get('type')}"`);
  const [typed, ...paths] = args.positionals;
  if (!typed) throw new UsageError('nslookup needs a NAME (kube-lookup nslookup NAME [PATH...])');
  // like nslookup, an address asks for the PTR record of its reverse name
  const reverse = askedType === undefined || askedType === 'PTR' ? reverseName(typed) : undefined;
  const name = reverse ? `${reverse}.` : typed;
  const type: QueryType = reverse ? 'PTR' : (askedType ?? 'A');
  const from = optionValue(args, 'from');
  const namespace = optionValue(args, 'namespace');
  if (from !== undefined && namespace !== undefined) throw new UsageError('give --from or --namespace, not both');
  const { model } = chooseUnit(loadWorkspace(paths, loadConfiguration(args), renderOption(args)), args, from);
  const { settings } = model;
  const origin: LookupOrigin = from !== undefined ? { pod: findPod(model, from) } : { namespace: namespace ?? 'default' };
  const resolution = resolveFrom(model, origin, name, type);
  // NetworkPolicy may keep the question from the server: said beside the answer it would give
  const blocked = 'pod' in origin && resolution.clusterServer ? dnsBlockedNote(model, origin.pod) : undefined;
  if (format === 'json') output.stdout(`${JSON.stringify({ ...resolutionToJson(resolution), ...(blocked ? { networkPolicy: blocked } : {}) }, null, 2)}\n`);
  else output.stdout(`${format === 'dig' ? renderDig(resolution, settings) : renderNslookup(resolution, settings)}${blocked ? `;; ${blocked}\n` : ''}`);
  return resolution.rcode === 'NOERROR' ? 0 : 1;
}
