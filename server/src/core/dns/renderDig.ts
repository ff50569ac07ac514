import type { AnalysisSettings } from '../settings';
import { absolute, isInZone, normalizeName } from './dnsName';
import type { DnsRecord } from './dnsRecord';
import { zoneOf } from './records';
import type { Resolution } from './resolveFrom';
import { soaRecord } from './zoneApex';

/**
 * The last question of a Resolution as `dig +search` prints it: header with status and flags,
 * question, answer, additional, and on a negative answer from the cluster zone the SOA CoreDNS
 * puts in the authority section. Simulated addresses carry a `; simulated` comment.
 */
export function renderDig(resolution: Resolution, settings: AnalysisSettings): string {
  const last = resolution.tried[resolution.tried.length - 1];
  const name = last?.name ?? absolute(resolution.query);
  const zone = zoneOf(settings);
  const answer = last?.answer;
  const status = !answer ? 'NXDOMAIN' : answer.rcode === 'NODATA' ? 'NOERROR' : answer.rcode;
  const inZone = isInZone(normalizeName(name), zone) && resolution.clusterServer;
  const authority = inZone && answer && (answer.rcode === 'NXDOMAIN' || answer.rcode === 'NODATA')
    ? [recordLine(soaRecord(settings, zone))] : [];
  const answers = answer?.answers ?? [];
  const additional = answer?.additional ?? [];
  const lines = [
    `; <<>> kube-lookup simulated dig <<>> +search ${resolution.query} ${resolution.type}`,
    status === 'UPSTREAM'
      ? ';; ->>HEADER<<- opcode: QUERY, status: (forwarded upstream; not simulated)'
      : `;; ->>HEADER<<- opcode: QUERY, status: ${status}`,
    `;; flags: qr${inZone ? ' aa' : ''} rd ra; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: ${authority.length}, ADDITIONAL: ${additional.length}`,
    '',
    ';; QUESTION SECTION:',
    `;${name}\t\tIN\t${resolution.type}`,
  ];
  if (answers.length) lines.push('', ';; ANSWER SECTION:', ...answers.map(recordLine));
  if (authority.length) lines.push('', ';; AUTHORITY SECTION:', ...authority);
  if (additional.length) lines.push('', ';; ADDITIONAL SECTION:', ...additional.map(recordLine));
  lines.push('', `;; SERVER: ${resolution.server}#53(${resolution.server})`);
  if (resolution.tried.length > 1) lines.push(`;; after ${resolution.tried.length - 1} search name${resolution.tried.length === 2 ? '' : 's'} that failed: ${resolution.tried.slice(0, -1).map((entry) => `${entry.name} ${entry.rcode}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

function recordLine(entry: DnsRecord): string {
  return `${entry.name}\t${entry.ttl}\tIN\t${entry.type}\t${entry.data}${entry.simulated ? '\t; simulated' : ''}`;
}
