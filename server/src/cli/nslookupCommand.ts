import { parseQueryType, renderDig, resolveBindDefault, renderNslookup, resolveFrom, resolutionToJson, reverseName, type LookupOrigin, type QueryType } from '../core/dns/index';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { chooseUnit } from './clusterChoice';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';
import { dnsBlockedNote } from '../core/policy/index';
import { findPod } from './podOrigin';
import { UsageError } from './usageError';

/**
 * `kube-lookup nslookup NAME [--type T] [--from NS/POD | --namespace NS] [--resolver glibc|musl|nslookup]
 * [--format text|json|dig] [PATH...]`. Exit 0 when the lookup ends with an answer (and, with
 * `--resolver nslookup`, on NODATA, as bind9's nslookup); 1 when it does not (NXDOMAIN, NODATA, or
 * forwarded upstream without a static answer); 2 on a usage error.
 */
export function nslookupCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'type', 'from', 'namespace', 'resolver']);
  const format = optionValue(args, 'format', ['text', 'json', 'dig']) ?? 'text';
  const typeText = optionValue(args, 'type');
  const parsedType = typeText === undefined ? undefined : parseQueryType(typeText);
  if (parsedType && 'error' in parsedType) throw new UsageError(`--type: ${parsedType.error}`);
  const askedType: QueryType | undefined = parsedType?.type;
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
  // bind9's nslookup asks A, then AAAA at the name it found, when no type is given
  // dig walks the search list as bind9's nslookup does (dighost.c), whatever the Pods' resolver
  const resolution = format === 'dig' ? resolveFrom(model, origin, name, type, { resolver: 'nslookup' })
    : askedType === undefined && !reverse && settings.resolver === 'nslookup' ? resolveBindDefault(model, origin, name) : resolveFrom(model, origin, name, type);
  // NetworkPolicy may keep the question from the server: said beside the answer it would give
  const blocked = 'pod' in origin && resolution.clusterServer ? dnsBlockedNote(model, origin.pod) : undefined;
  if (format === 'json') output.stdout(`${JSON.stringify({ ...resolutionToJson(resolution), ...(blocked ? { networkPolicy: blocked } : {}) }, null, 2)}\n`);
  else output.stdout(`${format === 'dig' ? renderDig(resolution, settings) : renderNslookup(resolution, settings)}${blocked ? `;; ${blocked}\n` : ''}`);
  // bind9's nslookup exits 0 when the name exists without the type (NODATA)
  return resolution.rcode === 'NOERROR' || (resolution.resolver === 'nslookup' && resolution.rcode === 'NODATA') ? 0 : 1;
}
