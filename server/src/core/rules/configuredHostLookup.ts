import { labelsBelow, isInZone, normalizeName } from '../dns/dnsName';
import { zoneOf } from '../dns/records';
import { clusterDnsIp, podResolvConf } from '../dns/resolvConf';
import { searchCandidates } from '../dns/searchList';
import type { PodView } from '../model/podView';
import { at, list } from '../references/fields';
import type { ServiceView } from '../model/serviceView';
import type { RuleContext } from './types';

/** What a host a container is configured with comes to, asked from the Pod's own resolver. */
export type HostLookup =
  /** Not a cluster name (`api.example.com`, `localhost`): not judged. */
  | { readonly kind: 'external' }
  /** It resolves; to this Service when the answer is a Service name (not a per-Pod name). */
  | { readonly kind: 'resolved'; readonly service?: ServiceView }
  /** A cluster-looking name that resolves on no search domain: the Service it would be, by its labels. */
  | { readonly kind: 'unresolved'; readonly name: string; readonly namespace: string };

/**
 * Looks a configured host up as the Pod's resolver would: the simulator's resolv.conf of the Pod
 * (namespace, search list, ndots, DNS policy) expands it into the names tried, in order, and the
 * first that names a Service (`<service>.<namespace>.svc.<zone>`) or a per-Pod name answers. Only
 * whether a name exists matters here, not its addresses: asking the whole resolver would make every
 * workload's findings depend on every address given out, so that adding any Service re-checks them all.
 * Only cluster-looking names are judged: one label (`cart`), `<service>.<namespace>` for a
 * namespace the workspace knows, and names with `.svc`. Any other dotted name is external, and so
 * is every name of a Pod whose nameserver is not the cluster DNS.
 */
export function lookUpConfiguredHost(context: Pick<RuleContext, 'model'>, from: { readonly pod?: PodView; readonly namespace: string }, host: string): HostLookup {
  const { pod, namespace } = from;
  const { model } = context;
  const name = normalizeName(host);
  const zone = zoneOf(model.settings);
  if (name === 'localhost' || (pod && (name === pod.hostname.toLowerCase() || aliasesOf(pod).includes(name)))) return { kind: 'external' };
  const labels = isInZone(name, zone) ? labelsBelow(name, zone) : name.split('.');
  let intended: { name: string; namespace: string } | undefined;
  if (labels.length === 1) intended = { name: labels[0], namespace };
  else if (labels.length === 2 && model.namespaceExists(labels[1])) intended = { name: labels[0], namespace: labels[1] };
  else if (labels.length === 3 && labels[2] === 'svc') intended = { name: labels[0], namespace: labels[1] };
  // a per-Pod name (`web-0.web.shop.svc`) is the subdomain rules' business
  if (!intended) return { kind: 'external' };
  const conf = podResolvConf(model.settings, { pod, namespace });
  if (conf.nameservers[0] !== clusterDnsIp(model.settings)) return { kind: 'external' };
  for (const candidate of searchCandidates(host, conf.searches, conf.ndots)) {
    const tried = normalizeName(candidate);
    if (!isInZone(tried, zone)) continue;
    const below = labelsBelow(tried, zone);
    if (below.length === 3 && below[2] === 'svc') {
      const service = model.service(below[1], below[0]);
      if (service) return { kind: 'resolved', service };
    }
    // `<hostname>.<subdomain>.<namespace>.svc`: a per-Pod name, when a Pod has it
    if (below.length === 4 && below[3] === 'svc' && model.podsIn(below[2]).some((candidatePod) => candidatePod.subdomain === below[1] && candidatePod.hostname === below[0])) return { kind: 'resolved' };
  }
  return { kind: 'unresolved', ...intended };
}

/** The names `hostAliases` puts in the Pod's /etc/hosts: they resolve without DNS. */
function aliasesOf(pod: PodView): string[] {
  const aliases = list(at(pod.template.owner.body, ...pod.template.templatePath, 'spec', 'hostAliases'));
  return aliases.flatMap((alias) => list(at(alias, 'hostnames')).flatMap((hostname) => (typeof hostname === 'string' ? [normalizeName(hostname)] : [])));
}
