import type { Rcode } from './dnsRecord';
import { searchCandidates } from './searchList';

/** Which stub resolver walks the search list: glibc (most images), musl (Alpine) or bind9's nslookup/host. */
export type ResolverModel = 'glibc' | 'musl' | 'nslookup';
export const RESOLVER_MODELS: readonly ResolverModel[] = ['glibc', 'musl', 'nslookup'];

/** How one resolver expands a name and when it stops. */
export interface ResolverWalk {
  readonly resolver: ResolverModel;
  /** Absolute names (trailing dot), in the order they are sent. */
  readonly candidates: readonly string[];
  /** True when the resolver sends the next candidate after a try that ended with this rcode. */
  goesOn(rcode: Rcode): boolean;
  /** The status the lookup ends with when every try failed. */
  failure(tried: readonly { readonly rcode: Rcode }[]): Rcode;
  /** One sentence: the order of the tries and why. */
  readonly description: string;
}

/**
 * glibc (res_search): a name with ≥ ndots dots is tried as given first, then with each search
 * domain; fewer dots: the search domains first, the name as given last. NXDOMAIN and NODATA go on.
 * When every try fails, the as-given first try's error is reported, else NODATA if any try had it.
 * musl (name_from_dns_search): a name with ≥ ndots dots is tried only as given; otherwise the search
 * domains then the name as given; only NXDOMAIN goes on: the first name that exists ends the walk.
 * bind9 nslookup/host (dighost.c next_origin): the same order and stop as musl for one query type.
 */
export function resolverWalk(resolver: ResolverModel, name: string, searches: readonly string[], ndots: number): ResolverWalk {
  const dots = (name.match(/\./g) ?? []).length;
  const absolute = name.endsWith('.');
  const many = dots >= ndots;
  const count = `${dots} dot${dots === 1 ? '' : 's'}`;
  if (resolver === 'glibc') {
    const description = absolute ? `${name} ends with a dot: absolute, the search list is not used`
      : many ? `${name} has ${count} (≥ ndots ${ndots}): tried as given first, then with each search domain (glibc order)`
        : `${name} has ${count} (< ndots ${ndots}): each search domain first, the name as given last (glibc order)`;
    return {
      resolver, description, candidates: searchCandidates(name, searches, ndots),
      // res_search goes on after SERVFAIL too (got_servfail), and stops at any other error (REFUSED)
      goesOn: (rcode) => rcode === 'NXDOMAIN' || rcode === 'NODATA' || rcode === 'SERVFAIL',
      failure: (tried) => (many && !absolute && tried[0]) ? tried[0].rcode : tried.some((entry) => entry.rcode === 'NODATA') ? 'NODATA' : tried.some((entry) => entry.rcode === 'SERVFAIL') ? 'SERVFAIL' : tried[tried.length - 1]?.rcode === 'REFUSED' ? 'REFUSED' : 'NXDOMAIN',
    };
  }
  const label = resolver === 'musl' ? 'musl' : 'bind9 nslookup';
  const asIs = absolute ? name : `${name}.`;
  const candidates = absolute || many ? [asIs] : [...new Set([...searches.map((domain) => domain === '.' ? asIs : `${name}.${domain.replace(/\.$/, '')}.`), asIs])];
  const description = absolute ? `${name} ends with a dot: absolute, the search list is not used`
    : many ? `${name} has ${count} (≥ ndots ${ndots}): ${label} tries it only as given, never with the search domains`
      : `${name} has ${count} (< ndots ${ndots}): each search domain first, the name as given last; ${label} stops at the first name that exists (${label} order)`;
  return {
    resolver, description, candidates,
    goesOn: (rcode) => rcode === 'NXDOMAIN',
    failure: (tried) => tried[tried.length - 1]?.rcode ?? 'NXDOMAIN',
  };
}

/** How a user recognises the resolver: the image family that uses it. */
export function resolverLabel(resolver: ResolverModel): string {
  return resolver === 'glibc' ? 'a glibc (Debian, Ubuntu, distroless) Pod' : resolver === 'musl' ? 'an Alpine (musl) Pod' : 'bind9 nslookup/host';
}
