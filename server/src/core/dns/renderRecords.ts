import { describeObject } from '../model/manifestObject';
import type { AnalysisSettings } from '../settings';
import { BUILT_IN_FILE } from './builtInServices';
import { absolute } from './dnsName';
import type { PublishedRecord } from './dnsRecord';
import { DNS_SCHEMA_VERSION, zoneOf } from './records';
import type { ExportedZone } from './zoneExport';

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
export function recordsToJson(records: readonly PublishedRecord[], settings: AnalysisSettings, truncated: readonly object[] = [], zones: readonly string[] = []): object {
  return {
    zone: zoneOf(settings),
    // the origins of the export (records --format zone --zone NAME), after the contract's `zone`
    ...(zones.length > 0 ? { zones } : {}),
    ...(truncated.length > 0 ? { truncated } : {}),
    records: records.map((entry) => ({
      name: entry.name, type: entry.type, ttl: entry.ttl, data: entry.data, simulated: entry.simulated, section: entry.section,
      source: entry.source ? { kind: entry.source.kind, namespace: entry.source.namespace, name: entry.source.name } : null,
    })),
  };
}

/**
 * RFC 1035 master files, one per zone of the export (zoneExport.ts), each starting with `$ORIGIN`
 * and `$TTL` and loadable on its own (`named-checkzone <origin> FILE`): names relative to the
 * origin, SOA and NS first. Several zones follow each other, each after a `; zone <origin>` line;
 * `records --zone NAME` writes one. Simulated addresses carry a comment.
 */
export function renderZoneFile(zones: readonly ExportedZone[], settings: AnalysisSettings, notes: readonly string[] = []): string {
  const header = [
    `; the cluster DNS of ${zoneOf(settings)} as kube-lookup simulates it (kubernetes/dns ${DNS_SCHEMA_VERSION}, ${settings.dnsProfile} profile)`,
    '; addresses marked "simulated" are allocated by kube-lookup, not declared in the manifests',
    ...notes.map((note) => `; ${note}`),
  ];
  const sections = zones.map((zone) => {
    const lines = [`; zone ${zone.origin}`, `$ORIGIN ${absolute(zone.origin)}`, `$TTL ${settings.dnsTtl}`];
    for (const entry of zone.records) lines.push(`${relative(entry.name, zone.origin)}\t${entry.ttl}\tIN\t${entry.type}\t${entry.data}${entry.simulated ? '\t; simulated' : ''}`);
    return lines.join('\n');
  });
  return `${header.join('\n')}\n${sections.join('\n\n')}\n`;
}

function relative(name: string, origin: string): string {
  const plain = name.replace(/\.$/, '');
  return plain.toLowerCase() === origin ? '@' : plain.slice(0, plain.length - origin.length - 1);
}
