import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';

/**
 * A reference that finds nothing may find its target once placeholders are substituted: while a
 * Service of the namespace is named by a placeholder, or a Pod's placeholder labels could match a
 * selector, a miss proves nothing and is not reported. What a namespace holds is worked out once
 * per model generation (its lists are new arrays in each generation, so these caches never go stale).
 */
export function servicesNamedByPlaceholder(model: ClusterModel, namespace: string): boolean {
  const services = model.servicesIn(namespace);
  let answer = serviceCache.get(services);
  if (answer === undefined) {
    answer = services.some((service) => hasPlaceholder(service.name));
    serviceCache.set(services, answer);
  }
  return answer;
}

/** Whether a Pod of the namespace would match the selector once the placeholders of its labels are substituted. */
export function podMatchesOnceSubstituted(model: ClusterModel, namespace: string, selector: Readonly<Record<string, string>>): boolean {
  const pods = model.podsIn(namespace);
  let labelled = podCache.get(pods);
  if (labelled === undefined) {
    labelled = pods.some((pod) => holdsPlaceholder(pod.labels));
    podCache.set(pods, labelled);
  }
  // most namespaces hold no placeholder label at all: then one look at the cache answers
  if (!labelled) return false;
  return pods.some((pod) => Object.entries(selector).every(([key, value]) => pod.labels[key] === value || hasPlaceholder(pod.labels[key])));
}

const serviceCache = new WeakMap<readonly ServiceView[], boolean>();
const podCache = new WeakMap<readonly PodView[], boolean>();
