import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import { hasPlaceholder } from '../placeholders';
import { configMapHostsOf, configMapsReadBy } from '../references/configMapHosts';
import { configuredHostsOf, type ConfiguredHost } from '../references/configuredHosts';
import { at } from '../references/fields';
import { podsMadeBy } from './podsMadeBy';
import type { RuleContext } from './types';

/** The kinds whose values configure hosts: what makes Pods, and the ConfigMaps they read. */
export const CONFIGURING_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ConfigMap'];

/**
 * The hosts an object configures (no placeholders) and the Pod that looks them up: the object's
 * own first Pod, or for a ConfigMap the first Pod of its namespace that reads it (none: not judged,
 * as who resolves the names is unknown).
 */
export function configuredHostsWithPod(context: Pick<RuleContext, 'model' | 'settings'>, object: ManifestObject): { readonly hosts: readonly ConfiguredHost[]; readonly pod: PodView } | undefined {
  const isConfigMap = object.kind === 'ConfigMap';
  // a ConfigMap no Pod reads is not scanned (dashboards and the like are large)
  if (isConfigMap && !configMapReaders(context.model, object.namespace).has(object.name)) return undefined;
  const hosts = (isConfigMap ? configMapHostsOf(object) : configuredHostsOf(object)).filter((host) => !hasPlaceholder(isConfigMap ? host.written : at(object.body, ...host.path)));
  if (hosts.length === 0) return undefined;
  const pod = isConfigMap ? configMapReaders(context.model, object.namespace).get(object.name) : podsMadeBy(context, object)[0];
  return pod ? { hosts, pod } : undefined;
}

/**
 * The first Pod of the namespace that reads each ConfigMap, worked out once per model generation
 * (a namespace's Pod list is a new array in each): asking every Pod for every ConfigMap would be
 * quadratic in a namespace of thousands of applications.
 */
function configMapReaders(model: ClusterModel, namespace: string): ReadonlyMap<string, PodView> {
  const pods = model.podsIn(namespace);
  let readers = readersCache.get(pods);
  if (!readers) {
    readers = new Map();
    const seen = new Set<unknown>();
    for (const pod of pods) {
      if (seen.has(pod.template.owner)) continue;
      seen.add(pod.template.owner);
      for (const name of configMapsReadBy(pod.template)) if (!readers.has(name)) readers.set(name, pod);
    }
    readersCache.set(pods, readers);
  }
  return readers;
}

const readersCache = new WeakMap<readonly PodView[], Map<string, PodView>>();
