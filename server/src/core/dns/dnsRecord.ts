import type { ManifestObject } from '../model/manifestObject';

export type RecordType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT';
export const QUERY_TYPES = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'ANY'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/**
 * NOERROR with answers, NXDOMAIN, NODATA (NOERROR without answers), or UPSTREAM: the question left
 * the cluster DNS for the upstream resolver and no static answer (`upstreamHosts`) was given.
 */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'NODATA' | 'UPSTREAM';

/** One resource record. `name` is absolute (trailing dot); `data` is in presentation format. */
export interface DnsRecord {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  /** A/AAAA: the address; SRV: `priority weight port target.`; CNAME/PTR: `target.`; TXT: `"text"`. */
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
