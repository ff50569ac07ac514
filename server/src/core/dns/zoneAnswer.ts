import type { DnsRecord, Rcode } from './dnsRecord';

/** What the cluster DNS server answers to one question, and why. */
export interface ZoneAnswer {
  readonly rcode: Rcode;
  readonly answers: readonly DnsRecord[];
  /** Addresses of SRV targets, as CoreDNS puts them in the additional section. */
  readonly additional: readonly DnsRecord[];
  /** The question, or a CNAME target in the answer, went to the upstream resolver. */
  readonly upstream: boolean;
  /** One line per fact that decided the answer, in order. */
  readonly why: readonly string[];
}

export function zoneAnswer(rcode: Rcode, why: readonly string[], answers: readonly DnsRecord[] = [], extra: { additional?: readonly DnsRecord[]; upstream?: boolean } = {}): ZoneAnswer {
  return { rcode, answers, additional: extra.additional ?? [], upstream: extra.upstream ?? false, why };
}

/** The most a CNAME chain is followed inside the cluster zone (CoreDNS `maxCnameChainLength`). */
export const MAX_CNAME_CHAIN = 10;
