import { parseIp } from '../model/ip';
import type { AnalysisSettings } from '../settings';
import { absolute, normalizeName } from './dnsName';
import type { DnsRecord, QueryType } from './dnsRecord';
import { zoneAnswer, type ZoneAnswer } from './zoneAnswer';

/** TTL given to static upstream answers. */
export const UPSTREAM_TTL = 300;

/**
 * A question outside the cluster zone: CoreDNS forwards it (`forward . /etc/resolv.conf`). The
 * simulator knows only the static answers of `upstreamHosts`; otherwise the answer is UPSTREAM.
 */
export function upstreamAnswer(settings: AnalysisSettings, qname: string, qtype: QueryType, reason: string): ZoneAnswer {
  const wanted = normalizeName(qname);
  const entry = Object.entries(settings.upstreamHosts).find(([host]) => normalizeName(host) === wanted);
  if (!entry) return zoneAnswer('UPSTREAM', [reason, `${wanted} is not in upstreamHosts, so the simulation cannot say what the upstream resolver answers`], [], { upstream: true });
  const answers: DnsRecord[] = [];
  for (const address of entry[1]) {
    const family = parseIp(address)?.family;
    const type = family === 'IPv4' ? 'A' : family === 'IPv6' ? 'AAAA' : undefined;
    if (type && (qtype === type || qtype === 'ANY')) answers.push({ name: absolute(qname), type, ttl: UPSTREAM_TTL, data: address, simulated: false });
  }
  const why = [reason, `answered from upstreamHosts (${entry[1].join(', ') || 'no address'})`];
  return zoneAnswer(answers.length ? 'NOERROR' : 'NODATA', why, answers, { upstream: true });
}
