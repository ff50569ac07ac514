import type { AnalysisSettings } from '../settings';
import { absolute, ipFromReverseName, isInZone, normalizeName } from './dnsName';
import type { DnsRecord } from './dnsRecord';
import { zoneOf } from './records';
import type { Resolution } from './resolveFrom';
import { soaRecord } from './zoneApex';

/**
 * The last question of a Resolution as `dig +search NAME TYPE` prints it, section by section: the
 * header (opcode, status, id), the flags (`aa` on what the cluster DNS answers itself; CoreDNS sets
 * no `ra` there, so dig warns that recursion is not available, while a forwarded answer carries the
 * upstream's `ra`), the OPT pseudo-section dig's EDNS question gets back, the question, answer,
 * authority (the zone's SOA on a negative answer) and additional sections, each record in dig's
 * columns. The id, query time, server, date and message size lines are not simulated. Resolve with
 * the `nslookup` resolver model: dig walks the search list as bind9's nslookup does.
 */
export function renderDig(resolution: Resolution, settings: AnalysisSettings): string {
  const last = resolution.tried[resolution.tried.length - 1];
  const name = last?.name ?? absolute(resolution.query);
  const answer = last?.answer;
  const rcode = answer?.rcode ?? 'NXDOMAIN';
  const status = rcode === 'NODATA' ? 'NOERROR' : rcode;
  const type = last?.type ?? (resolution.type === 'A+AAAA' ? 'A' : resolution.type);
  const forwarded = !answer || answer.upstream && !isInZone(normalizeName(name), zoneOf(settings));
  const authoritative = resolution.clusterServer && !forwarded;
  const negative = rcode === 'NXDOMAIN' || rcode === 'NODATA';
  const authority = authoritative && negative ? authorityOf(normalizeName(name), settings) : [];
  const answers = answer?.answers ?? [];
  const additional = answer?.additional ?? [];
  // CoreDNS answers its own zones without RA (coredns#2408); the spec profile is a server a Pod may recurse through
  const recursion = !authoritative || settings.dnsProfile === 'spec';
  const lines = [
    '',
    `; <<>> kube-lookup (simulated DiG) <<>> +search ${resolution.query} ${type}`,
    ';; global options: +cmd',
    ';; Got answer:',
  ];
  if (/\.local\.?$/i.test(name)) lines.push(';; WARNING: .local is reserved for Multicast DNS', ';; You are currently testing what happens when an mDNS query is leaked to DNS');
  lines.push(rcode === 'UPSTREAM'
    ? ';; ->>HEADER<<- opcode: QUERY, status: (forwarded to the upstream resolver, whose answer is not simulated), id: 0'
    : `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: 0`);
  lines.push(`;; flags: qr${authoritative ? ' aa' : ''} rd${recursion ? ' ra' : ''}; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: ${authority.length}, ADDITIONAL: ${additional.length + 1}`);
  if (!recursion) lines.push(';; WARNING: recursion requested but not available');
  lines.push('', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232', ';; QUESTION SECTION:', questionLine(name, type));
  if (answers.length) lines.push('', ';; ANSWER SECTION:', ...answers.map(recordLine));
  if (authority.length) lines.push('', ';; AUTHORITY SECTION:', ...authority.map(recordLine));
  if (additional.length) lines.push('', ';; ADDITIONAL SECTION:', ...additional.map(recordLine));
  lines.push('', ';; Query time: 0 msec', `;; SERVER: ${resolution.server}#53(${resolution.server}) (UDP)`, ';; WHEN: (simulated)', ';; MSG SIZE  rcvd: (not simulated)', '');
  const simulated = [...answers, ...additional].filter((entry) => entry.simulated);
  if (simulated.length) lines.push(`;; kube-lookup: simulated addresses, allocated by kube-lookup: ${[...new Set(simulated.map((entry) => entry.type === 'PTR' ? normalizeName(entry.name) : entry.data))].join(', ')}`);
  if (resolution.tried.length > 1) lines.push(`;; kube-lookup: dig +search asked ${resolution.tried.length - 1} name${resolution.tried.length === 2 ? '' : 's'} before: ${resolution.tried.slice(0, -1).map((entry) => `${entry.name} ${entry.rcode}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** The SOA a negative answer carries: of the cluster zone, or of the reverse zone the name is in. */
function authorityOf(name: string, settings: AnalysisSettings): DnsRecord[] {
  const zone = zoneOf(settings);
  if (isInZone(name, zone)) return [soaRecord(settings, zone)];
  const reverse = name.endsWith('in-addr.arpa') ? 'in-addr.arpa' : name.endsWith('ip6.arpa') ? 'ip6.arpa' : undefined;
  if (!reverse && !ipFromReverseName(name)) return [];
  // the spec profile serves the export, whose reverse zones name the cluster zone's server; CoreDNS names each zone's own
  return reverse ? [soaRecord(settings, reverse, settings.dnsProfile === 'spec' ? zone : reverse)] : [];
}

/** Where dig's record columns start: TTL, class, type, data (BIND's master file style). */
const COLUMNS = { ttl: 24, class: 32, type: 40, data: 48 } as const;

function recordLine(entry: DnsRecord): string {
  return columns([entry.name, [COLUMNS.ttl, String(entry.ttl)], [COLUMNS.class, 'IN'], [COLUMNS.type, entry.type], [COLUMNS.data, entry.data]]);
}

function questionLine(name: string, type: string): string {
  // dig counts the question's columns from the name, after its `;`
  return `;${columns([name, [COLUMNS.class, 'IN'], [COLUMNS.type, type]])}`;
}

/**
 * Each field at its column, as BIND's masterdump indents: tabs to the column's tab stop (then
 * spaces to a column past the last stop), and a column already reached moves one past where the
 * text ends.
 */
function columns([first, ...fields]: [string, ...[number, string][]]): string {
  const TAB = 8;
  let text = first;
  let column = first.length;
  for (const [wanted, value] of fields) {
    const to = Math.max(wanted, column + 1);
    const tabs = Math.floor(to / TAB) - Math.floor(column / TAB);
    text += tabs > 0 ? '\t'.repeat(tabs) + ' '.repeat(to % TAB) : ' '.repeat(to - column);
    text += value;
    column = to + value.length;
  }
  return text;
}
