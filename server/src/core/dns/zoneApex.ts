import type { AnalysisSettings } from '../settings';
import type { EndpointRecord } from './records';
import { clusterDnsIp } from './resolvConf';

/** The reverse zones CoreDNS serves with the cluster zone (kubeadm: `kubernetes cluster.local in-addr.arpa ip6.arpa`). */
export const REVERSE_ZONES = ['in-addr.arpa', 'ip6.arpa'] as const;

/**
 * The SOA CoreDNS synthesizes for a zone it serves (plugin/backend_lookup.go `SOA`): `ns.dns.<zone>`
 * as primary, `hostmaster.<zone>` as mailbox, refresh 7200, retry 1800, expire 86400, the TTL as
 * minimum. CoreDNS's serial is the time of the last API change; a simulation has none, so 1.
 * `nameZone` is the zone whose `ns.dns`/`hostmaster` names are used: CoreDNS uses the zone itself;
 * the zone export names the reverse zones' server after the cluster zone, where it has an address.
 */
export function soaRecord(settings: AnalysisSettings, zone: string, nameZone = zone): EndpointRecord {
  const ttl = settings.dnsTtl;
  return { name: `${zone}.`, type: 'SOA', ttl, data: `ns.dns.${nameZone}. hostmaster.${nameZone}. 1 7200 1800 86400 ${ttl}`, simulated: false, section: 'zone apex (CoreDNS)' };
}

/** The apex NS, `ns.dns.<zone>`, as CoreDNS answers it; its address is the cluster DNS Service's. */
export function nsRecord(settings: AnalysisSettings, zone: string, nameZone = zone): EndpointRecord {
  return { name: `${zone}.`, type: 'NS', ttl: settings.dnsTtl, data: `ns.dns.${nameZone}.`, simulated: false, section: 'zone apex (CoreDNS)' };
}

/** `ns.dns.<zone>. IN A <cluster DNS IP>`: the address behind the NS record (CoreDNS answers it). */
export function nameServerAddress(settings: AnalysisSettings, zone: string): EndpointRecord {
  const ip = clusterDnsIp(settings);
  return { name: `ns.dns.${zone}.`, type: ip.includes(':') ? 'AAAA' : 'A', ttl: settings.dnsTtl, data: ip, simulated: false, section: 'zone apex (CoreDNS)' };
}

/** The apex of the cluster zone: SOA, NS and the name server's address. */
export function clusterApexRecords(settings: AnalysisSettings, zone: string): EndpointRecord[] {
  return [soaRecord(settings, zone), nsRecord(settings, zone), nameServerAddress(settings, zone)];
}

/** The apex of a reverse zone in the export and the spec profile: SOA and NS naming the cluster zone's server. */
export function reverseApexRecords(settings: AnalysisSettings, reverseZone: string, clusterZone: string): EndpointRecord[] {
  return [soaRecord(settings, reverseZone, clusterZone), nsRecord(settings, reverseZone, clusterZone)];
}
