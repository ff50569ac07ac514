import { labelsBelow, isInZone, normalizeName } from '../dns/dnsName';
import { zoneOf } from '../dns/records';
import { resolveFrom } from '../dns/resolveFrom';
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
 * Looks a configured host up as the Pod's resolver would (its namespace, search list, ndots and
 * DNS policy). Only cluster-looking names are judged: one label (`cart`), `<service>.<namespace>`
 * for a namespace the workspace knows, and names with `.svc`. Any other dotted name is external.
 */
export function lookUpConfiguredHost(context: Pick<RuleContext, 'model'>, pod: PodView, host: string): HostLookup {
  const { model } = context;
  const name = normalizeName(host);
  const zone = zoneOf(model.settings);
  if (name === 'localhost' || name === pod.hostname.toLowerCase() || aliasesOf(pod).includes(name)) return { kind: 'external' };
  const labels = isInZone(name, zone) ? labelsBelow(name, zone) : name.split('.');
  let intended: { name: string; namespace: string } | undefined;
  if (labels.length === 1) intended = { name: labels[0], namespace: pod.namespace };
  else if (labels.length === 2 && model.namespaceExists(labels[1])) intended = { name: labels[0], namespace: labels[1] };
  else if (labels.length === 3 && labels[2] === 'svc') intended = { name: labels[0], namespace: labels[1] };
  // a per-Pod name (`web-0.web.shop.svc`) is the subdomain rules' business
  if (!intended) return { kind: 'external' };
  const resolution = resolveFrom(model, { pod }, host, 'A');
  const answered = resolution.tried.find((tried) => tried.rcode === 'NOERROR' || tried.rcode === 'NODATA');
  if (answered) {
    const below = isInZone(normalizeName(answered.name), zone) ? labelsBelow(normalizeName(answered.name), zone) : [];
    return { kind: 'resolved', service: below.length === 3 && below[2] === 'svc' ? model.service(below[1], below[0]) : undefined };
  }
  return { kind: 'unresolved', ...intended };
}

/** The names `hostAliases` puts in the Pod's /etc/hosts: they resolve without DNS. */
function aliasesOf(pod: PodView): string[] {
  const aliases = list(at(pod.template.owner.body, ...pod.template.templatePath, 'spec', 'hostAliases'));
  return aliases.flatMap((alias) => list(at(alias, 'hostnames')).flatMap((hostname) => (typeof hostname === 'string' ? [normalizeName(hostname)] : [])));
}
