import type { ClusterModel } from '../model/clusterModel';
import { absolute, isInZone, isReverseName, normalizeName } from './dnsName';
import type { DnsRecord, QueryType } from './dnsRecord';
import { zoneOf, type EndpointRecord } from './records';
import { exportedZones } from './zoneExport';
import { upstreamAnswer } from './upstream';
import { MAX_CNAME_CHAIN, zoneAnswer, type ZoneAnswer } from './zoneAnswer';

/**
 * The `spec` profile: the cluster zone holds exactly the records kubernetes/dns 1.1.0 requires
 * (records.ts), in the zones of the export (zoneExport.ts: SOA and NS at each apex), and answers as a
 * plain authoritative server does (RFC 1034 §4.3.2): records of the asked type (all of them for ANY);
 * a CNAME followed, the chain's last rcode kept (RFC 6604); NODATA when the name owns other types or
 * has names below it (RFC 8020); otherwise NXDOMAIN.
 */
export function specZoneAnswer(model: ClusterModel, qname: string, qtype: QueryType, depth = 0): ZoneAnswer {
  const table = zoneIndex(model);
  const name = normalizeName(qname);
  const zone = zoneOf(model.settings);
  const here = table.byName.get(name) ?? [];
  const label = (entry: EndpointRecord): string => `${entry.section}: ${entry.type} ${entry.data}${entry.source ? ` from ${entry.source.kind} ${entry.source.namespace}/${entry.source.name}` : ''}${entry.simulated ? ' (simulated)' : ''}`;
  const matching = here.filter((entry) => qtype === 'ANY' || entry.type === qtype);
  if (matching.length) return zoneAnswer('NOERROR', matching.map(label), matching.map((entry) => withName(entry, qname)), { additional: additionalFor(table, matching) });
  const cname = here.find((entry) => entry.type === 'CNAME');
  if (cname) {
    const target = normalizeName(cname.data);
    const why = [label(cname)];
    const own = withName(cname, qname);
    if (depth + 1 >= MAX_CNAME_CHAIN) return zoneAnswer('NOERROR', [...why, `the CNAME chain is longer than ${MAX_CNAME_CHAIN}: not followed`], [own]);
    const next = isInZone(target, zone) && !isReverseName(target)
      ? specZoneAnswer(model, cname.data, qtype, depth + 1)
      : upstreamAnswer(model.settings, cname.data, qtype, `${target} is outside the cluster zone: the server asks the upstream resolver`);
    // RFC 6604 §3: the rcode is the last name's in the chain, NXDOMAIN included, with the CNAMEs in the answer
    const rcode = next.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : 'NOERROR';
    const lines = [...why, ...next.why.map((line) => `  ${line}`)];
    if (rcode === 'NXDOMAIN') lines.push(`the CNAME target ${target} does not exist: NXDOMAIN, with the CNAME in the answer (RFC 6604)`);
    return zoneAnswer(rcode, lines, [own, ...next.answers], { upstream: next.upstream });
  }
  if (here.length) return zoneAnswer('NODATA', [...here.map(label), `no ${qtype} record at the name: NODATA`]);
  if (table.parents.has(name)) return zoneAnswer('NODATA', [`${name} has no records but names exist below it: NODATA`]);
  return zoneAnswer('NXDOMAIN', [`the spec publishes no record at ${name} or below it`]);
}

interface RecordIndex {
  readonly byName: Map<string, EndpointRecord[]>;
  /** Every name that has names below it (empty non-terminals included). */
  readonly parents: Set<string>;
}

/** The zone is indexed once per model generation: a search walk asks it several questions. */
const indexes = new WeakMap<ClusterModel, { generation: number; index: RecordIndex }>();

function zoneIndex(model: ClusterModel): RecordIndex {
  const cached = indexes.get(model);
  if (cached && cached.generation === model.generation) return cached.index;
  const index = indexRecords(exportedZones(model).flatMap((zone) => zone.records));
  indexes.set(model, { generation: model.generation, index });
  return index;
}

function indexRecords(records: readonly EndpointRecord[]): RecordIndex {
  const byName = new Map<string, EndpointRecord[]>();
  const parents = new Set<string>();
  for (const entry of records) {
    const name = normalizeName(entry.name);
    byName.set(name, [...(byName.get(name) ?? []), entry]);
    const labels = name.split('.');
    for (let index = 1; index < labels.length; index++) parents.add(labels.slice(index).join('.'));
  }
  return { byName, parents };
}

/**
 * The additional section an authoritative server adds (RFC 1034 §4.3.2 step 6, as BIND does): the
 * in-zone addresses, A then AAAA, of the targets of SRV and NS records in the answer.
 */
function additionalFor(table: RecordIndex, answers: readonly EndpointRecord[]): DnsRecord[] {
  const additional: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const entry of answers) {
    const target = entry.type === 'SRV' ? entry.data.split(' ')[3] : entry.type === 'NS' ? entry.data : undefined;
    if (!target || seen.has(normalizeName(target))) continue;
    seen.add(normalizeName(target));
    const addresses = table.byName.get(normalizeName(target)) ?? [];
    for (const type of ['A', 'AAAA']) for (const address of addresses) if (address.type === type) additional.push(withName(address, address.name));
  }
  return additional;
}

function withName(entry: EndpointRecord, qname: string): DnsRecord {
  return { name: absolute(qname), type: entry.type, ttl: entry.ttl, data: entry.data, simulated: entry.simulated };
}
