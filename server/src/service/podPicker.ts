import type { ClusterModel } from '../core/model/clusterModel';
import type { PodView } from '../core/model/podView';
import type { PodsResult } from '../protocol';
import { objectsAt } from './objectAt';

/** The Pods and Services of each namespace, for the nslookup command's pickers. */
export function podsForPicker(model: ClusterModel, uri: string, offset: number | undefined): PodsResult {
  const namespaces = model.namespaces().map((namespace) => ({
    namespace,
    pods: model.podsIn(namespace).map((pod) => ({ name: pod.name, owner: `${pod.template.owner.kind} ${pod.template.owner.name}` })),
    services: [...new Set(model.servicesIn(namespace).map((service) => service.name))].sort(),
  }));
  const pod = offset === undefined ? undefined : podAt(model, uri, offset);
  return { namespaces, podAtPosition: pod ? { namespace: pod.namespace, name: pod.name } : undefined };
}

/** The first Pod made by the object under the offset (a Pod, or a workload's first replica). */
export function podAt(model: ClusterModel, uri: string, offset: number): PodView | undefined {
  for (const object of objectsAt(model, uri, offset)) {
    const pod = model.podsOf(object)[0];
    if (pod) return pod;
  }
  return undefined;
}
