import { describeObject } from '../model/manifestObject';
import type { AnalysisSettings } from '../settings';
import { BUILT_IN_FILE } from './builtInServices';
import { absolute, isInZone, normalizeName } from './dnsName';
import type { PublishedRecord } from './dnsRecord';
import { zoneOf } from './records';
import { clusterDnsIp } from './resolvConf';

/** Records as a readable list, grouped by the object that publishes them; notes (such as truncated Pods) first. */
export function renderRecordsText(records: readonly PublishedRecord[], notes: readonly string[] = []): string {
  const groups = new Map<string, PublishedRecord[]>();
  for (const entry of records) {
    const key = entry.source ? `${describeObject(entry.source)}${entry.source.file === BUILT_IN_FILE ? ` ${BUILT_IN_FILE}` : ''}` : 'cluster';
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const width = Math.max(0, ...records.map((entry) => entry.name.length));
  const out: string[] = notes.map((note) => `; ${note}`);
  for (const [key, entries] of groups) {
    out.push(`${key}`);
    for (const entry of entries) out.push(`  ${entry.name.padEnd(width)}  ${String(entry.ttl).padStart(5)}  ${entry.type.padEnd(5)}  ${entry.data}${entry.simulated ? '  (simulated)' : ''}    ${entry.section}`);
    out.push('');
  }
  return out.join('\n');
}

/** `truncated` lists the workloads whose Pods are not all simulated; it is present only when some are not. */
export function recordsToJson(records: readonly PublishedRecord[], settings: AnalysisSettings, truncated: readonly object[] = []): object {
  return {
    zone: zoneOf(settings),
    ...(truncated.length > 0 ? { truncated } : {}),
    records: records.map((entry) => ({
      name: entry.name, type: entry.type, ttl: entry.ttl, data: entry.data, simulated: entry.simulated, section: entry.section,
      source: entry.source ? { kind: entry.source.kind, namespace: entry.source.namespace, name: entry.source.name } : null,
    })),
  };
}

/**
 * An RFC 1035 master file for the cluster zone: SOA and NS as CoreDNS synthesizes them, then every
 * record, names relative to `$ORIGIN`; reverse records (served by the same server for in-addr.arpa
 * and ip6.arpa) follow with absolute names. Simulated addresses carry a comment.
 */
export function renderZoneFile(records: readonly PublishedRecord[], settings: AnalysisSettings, notes: readonly string[] = []): string {
  const zone = zoneOf(settings);
  const ttl = settings.dnsTtl;
  const origin = absolute(zone);
  const lines = [
    `; the cluster zone ${zone} as kube-lookup simulates it (kubernetes/dns ${'1.1.0'}, ${settings.dnsProfile} profile)`,
    '; addresses marked "simulated" are allocated by kube-lookup, not declared in the manifests',
    ...notes.map((note) => `; ${note}`),
    `$ORIGIN ${origin}`,
    `$TTL ${ttl}`,
    `@\t${ttl}\tIN\tSOA\tns.dns.${origin} hostmaster.${origin} 1 7200 1800 86400 ${ttl}`,
    `@\t${ttl}\tIN\tNS\tns.dns.${origin}`,
    `ns.dns\t${ttl}\tIN\tA\t${clusterDnsIp(settings)}`,
  ];
  const forward = records.filter((entry) => isInZone(normalizeName(entry.name), zone));
  const reverse = records.filter((entry) => !isInZone(normalizeName(entry.name), zone));
  const line = (owner: string, entry: PublishedRecord): string => `${owner}\t${entry.ttl}\tIN\t${entry.type}\t${entry.data}${entry.simulated ? '\t; simulated' : ''}`;
  for (const entry of forward) lines.push(line(relative(entry.name, zone), entry));
  if (reverse.length) {
    lines.push('', '; reverse records (in-addr.arpa, ip6.arpa), served by the same server');
    for (const entry of reverse) lines.push(line(entry.name, entry));
  }
  return lines.join('\n') + '\n';
}

function relative(name: string, zone: string): string {
  const plain = name.replace(/\.$/, '');
  return plain.toLowerCase() === zone ? '@' : plain.slice(0, plain.length - zone.length - 1);
}
