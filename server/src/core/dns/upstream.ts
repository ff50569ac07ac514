import { canonicalIp, parseIp } from '../model/ip';
import type { AnalysisSettings } from '../settings';
import { absolute, ipFromReverseName, normalizeName } from './dnsName';
import type { DnsRecord, QueryType } from './dnsRecord';
import { zoneAnswer, type ZoneAnswer } from './zoneAnswer';

/** TTL given to static upstream answers. */
export const UPSTREAM_TTL = 300;

/**
 * A question outside the cluster zone: CoreDNS forwards it (`forward . /etc/resolv.conf`). The
 * simulator knows only the static answers of `upstreamHosts` (an empty list there means NXDOMAIN);
 * otherwise the answer is UPSTREAM.
 */
export function upstreamAnswer(settings: AnalysisSettings, qname: string, qtype: QueryType, reason: string): ZoneAnswer {
  const wanted = normalizeName(qname);
  const reverse = reverseFromHosts(settings, qname, qtype, reason);
  if (reverse) return reverse;
  const entry = Object.entries(settings.upstreamHosts).find(([host]) => normalizeName(host) === wanted);
  if (!entry) {
    const impossible = notInPublicDns(wanted, settings);
    if (impossible) return zoneAnswer('NXDOMAIN', [reason, `${impossible}: the upstream resolver is taken to answer NXDOMAIN`], [], { upstream: true });
    return zoneAnswer('UPSTREAM', [reason, `${wanted} is not in upstreamHosts, so the simulation cannot say what the upstream resolver answers`], [], { upstream: true });
  }
  const answers: DnsRecord[] = [];
  for (const address of entry[1]) {
    const family = parseIp(address)?.family;
    const type = family === 'IPv4' ? 'A' : family === 'IPv6' ? 'AAAA' : undefined;
    if (type && (qtype === type || qtype === 'ANY')) answers.push({ name: absolute(qname), type, ttl: UPSTREAM_TTL, data: address, simulated: false });
  }
  if (entry[1].length === 0) return zoneAnswer('NXDOMAIN', [reason, `upstreamHosts lists ${wanted} with no address: the upstream resolver is taken to answer NXDOMAIN`], [], { upstream: true });
  const why = [reason, `answered from upstreamHosts (${entry[1].join(', ')})`];
  return zoneAnswer(answers.length ? 'NOERROR' : 'NODATA', why, answers, { upstream: true });
}

/**
 * A forwarded reverse name whose address `upstreamHosts` gives to some hosts: the upstream resolver
 * is taken to hold their PTR records, as a hosts file maps both ways.
 */
function reverseFromHosts(settings: AnalysisSettings, qname: string, qtype: QueryType, reason: string): ZoneAnswer | undefined {
  if (qtype !== 'PTR' && qtype !== 'ANY') return undefined;
  const address = ipFromReverseName(qname);
  if (!address) return undefined;
  const ip = canonicalIp(address.ip);
  const hosts = Object.entries(settings.upstreamHosts).filter(([, addresses]) => addresses.some((entry) => parseIp(entry) && canonicalIp(entry) === ip)).map(([host]) => host);
  if (hosts.length === 0) return undefined;
  const answers = hosts.map((host): DnsRecord => ({ name: absolute(qname), type: 'PTR', ttl: UPSTREAM_TTL, data: absolute(host), simulated: false }));
  return zoneAnswer('NOERROR', [reason, `upstreamHosts gives ${ip} to ${hosts.join(', ')}: answered as their PTR`], answers, { upstream: true });
}

/**
 * Why a forwarded name cannot exist in the public DNS, if it cannot: a single label (no such
 * top-level domain), or a top-level label that is reserved or only means something in the cluster.
 */
function notInPublicDns(name: string, settings: AnalysisSettings): string | undefined {
  const labels = name.split('.');
  if (labels.length === 1) return `${name} is a single label, and no top-level domain has that name`;
  const top = labels[labels.length - 1];
  const clusterTop = normalizeName(settings.clusterDomain).split('.').pop();
  if (top === 'local' || top === 'svc' || top === 'pod' || top === clusterTop) return `.${top} is not a public top-level domain`;
  return undefined;
}
