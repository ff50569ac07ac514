import { dnsSettingsOf } from '../corefile/profileOf';
import type { ClusterModel } from '../model/clusterModel';
import { isInZone, normalizeName } from './dnsName';
import { clusterRecords, zoneOf, type EndpointRecord } from './records';
import { clusterApexRecords, REVERSE_ZONES, reverseApexRecords } from './zoneApex';

/** One zone of the export: its origin (no trailing dot) and every record in it, apex first. */
export interface ExportedZone {
  readonly origin: string;
  readonly records: readonly EndpointRecord[];
}

/**
 * The cluster's DNS data as the zones an authoritative server loads: the cluster zone, and the
 * reverse zones `in-addr.arpa` and `ip6.arpa` CoreDNS serves beside it. Each has its SOA and NS; the
 * reverse zones name the cluster zone's `ns.dns`, which has an address, so each zone loads on its
 * own. The `spec` profile answers from exactly these zones.
 */
export function exportedZones(model: ClusterModel): ExportedZone[] {
  const zone = zoneOf(model.settings);
  const records = clusterRecords(model);
  const within = (origin: string): EndpointRecord[] => records.filter((entry) => isInZone(normalizeName(entry.name), origin));
  return [
    { origin: zone, records: [...clusterApexRecords(dnsSettingsOf(model), zone), ...within(zone)] },
    ...REVERSE_ZONES.map((origin) => ({ origin, records: [...reverseApexRecords(dnsSettingsOf(model), origin, zone), ...within(origin)] })),
  ];
}
