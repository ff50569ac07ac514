import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';

/**
 * A reference that finds nothing may find its target once placeholders are substituted: while a
 * Service of the namespace is named by a placeholder, or a Pod labelled by one, a miss proves
 * nothing and is not reported. Worked out once per model generation and namespace (the lists are
 * new arrays in each generation, so these caches never go stale).
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

export function podsLabelledByPlaceholder(model: ClusterModel, namespace: string): boolean {
  const pods = model.podsIn(namespace);
  let answer = podCache.get(pods);
  if (answer === undefined) {
    answer = pods.some((pod) => holdsPlaceholder(pod.labels));
    podCache.set(pods, answer);
  }
  return answer;
}

const serviceCache = new WeakMap<readonly ServiceView[], boolean>();
const podCache = new WeakMap<readonly PodView[], boolean>();
