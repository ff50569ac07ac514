import type { ClusterModel } from '../core/model/clusterModel';
import type { PodView } from '../core/model/podView';
import { UsageError } from './usageError';

/**
 * The Pod a `--from` or `env` argument names: `NAMESPACE/POD` or `POD` (searched in every
 * namespace). A workload's name stands for its first Pod, so `default/kubia` works for a ReplicaSet.
 */
/** Whether the model has the Pod a reference names. */
export function hasPod(model: ClusterModel, reference: string): boolean {
  try {
    findPod(model, reference);
    return true;
  } catch {
    return false;
  }
}

export function findPod(model: ClusterModel, reference: string): PodView {
  const [namespace, name] = reference.includes('/') ? reference.split('/', 2) : [undefined, reference];
  const candidates = namespace ? model.podsIn(namespace) : model.pods();
  const exact = candidates.filter((pod) => pod.name === name);
  const owned = candidates.filter((pod) => pod.template.owner.name === name && pod.template.owner.kind !== 'Pod');
  const matches = exact.length ? exact : owned.slice(0, 1);
  // alternatives (the same Pod in several files) share a namespace
  const namespaces = [...new Set(matches.map((pod) => pod.namespace))];
  if (matches.length > 0 && (namespaces.length === 1 || namespace)) return matches[0];
  if (matches.length > 1) throw new UsageError(`Pod "${name}" exists in several namespaces (${namespaces.join(', ')}); write NAMESPACE/POD`);
  const known = candidates.map((pod) => `${pod.namespace}/${pod.name}`).slice(0, 8);
  throw new UsageError(`no Pod "${reference}" in the manifests${known.length ? ` (Pods: ${known.join(', ')}${candidates.length > known.length ? ', …' : ''})` : ''}`);
}
