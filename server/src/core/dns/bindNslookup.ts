import type { ClusterModel } from '../model/clusterModel';
import { resolveFrom, type LookupOrigin, type Resolution } from './resolveFrom';

/**
 * `nslookup NAME` without a type, as bind9's nslookup runs it: the A lookup walks the search list;
 * when it ends at a name that exists (an answer or NODATA), AAAA is asked once for its canonical
 * name (the target of the last CNAME the A answer holds, else the name itself), and both answers
 * are printed, A first. A name that is not found is not asked again.
 */
export function resolveBindDefault(model: ClusterModel, origin: LookupOrigin, name: string): Resolution {
  const v4 = resolveFrom(model, origin, name, 'A');
  const found = v4.tried[v4.tried.length - 1];
  if (!found || (v4.rcode !== 'NOERROR' && v4.rcode !== 'NODATA')) return { ...v4, type: 'A+AAAA' };
  // nslookup asks AAAA for the canonical name: the end of the CNAME chain the A answer followed
  const cnames = v4.answers.filter((answer) => answer.type === 'CNAME');
  const canonical = cnames.length > 0 ? cnames[cnames.length - 1].data : found.name;
  const v6 = resolveFrom(model, origin, canonical, 'AAAA');
  const answers = [...v4.answers, ...v6.answers];
  const rcode = answers.length > 0 ? 'NOERROR' : v6.rcode === 'NXDOMAIN' ? v4.rcode : v6.rcode;
  return {
    ...v4, type: 'A+AAAA', rcode, answers,
    tried: [...v4.tried, ...v6.tried.map((entry) => ({ ...entry, type: 'AAAA' }))],
    additional: [...v4.additional, ...v6.additional],
    upstream: v4.upstream || v6.upstream,
    authoritative: v4.answers.length > 0 ? v4.authoritative : v6.authoritative,
  };
}
