import type { ManifestObject } from '../model/manifestObject';

export type RecordType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'SOA' | 'NS';
/** The types the zone can hold, plus ANY and a type it never holds: the usual questions. */
export const QUERY_TYPES = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS', 'MX', 'ANY'] as const;
/** Any query type by its mnemonic in upper case (see rrTypes.ts: `MX`, `HINFO`, `TYPE65280`). */
export type QueryType = string;

/**
 * NOERROR with answers, NXDOMAIN, NODATA (NOERROR without answers), or UPSTREAM: the question left
 * the cluster DNS for the upstream resolver and no static answer (`upstreamHosts`) was given; SERVFAIL
 * (a Corefile whose plugins leave the name unanswered, or hosts without fallthrough) and REFUSED (no
 * server block serves the name).
 */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'NODATA' | 'UPSTREAM' | 'SERVFAIL' | 'REFUSED';

/** One resource record. `name` is absolute (trailing dot); `data` is in presentation format. */
export interface DnsRecord {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  /** A/AAAA: the address; SRV: `priority weight port target.`; CNAME/PTR/NS: `target.`; TXT: `"text"`; SOA: `mname. rname. serial refresh retry expire minimum`. */
  readonly data: string;
  /** The address in it was allocated by the simulator, not declared in the manifests. */
  readonly simulated: boolean;
}

/** A record the cluster publishes, with the object it comes from (for hovers and traces). */
export interface PublishedRecord extends DnsRecord {
  readonly source?: ManifestObject;
  /** Which kubernetes/dns specification section (or CoreDNS extension) publishes it. */
  readonly section: string;
}

export function record(name: string, type: RecordType, ttl: number, data: string, simulated = false): DnsRecord {
  return { name, type, ttl, data, simulated };
}
