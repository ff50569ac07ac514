import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import { hasPlaceholder } from '../placeholders';
import { configMapHostsOf } from '../references/configMapHosts';
import { readsConfigMapKey } from '../references/configMapsRead';
import { configuredHostsOf, type ConfiguredHost } from '../references/configuredHosts';
import { at } from '../references/fields';
import { podsMadeBy } from './podsMadeBy';
import type { RuleContext } from './types';

/** The kinds whose values configure hosts: what makes Pods, and ConfigMaps. */
export const CONFIGURING_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob', 'ConfigMap'];

/** The hosts an object configures (no placeholders), and who looks them up. */
export interface ConfiguredHosts {
  readonly hosts: readonly ConfiguredHost[];
  /** The Pod that looks the hosts up: its resolv.conf, hostname and hostAliases. */
  readonly pod?: PodView;
  /** The Pod's namespace; for a ConfigMap no Pod reads, the ConfigMap's. */
  readonly namespace: string;
  /** `Deployment "cart" (namespace "shop")`, `namespace "shop"`, for messages. */
  readonly from: string;
  /** For a ConfigMap: true when `pod` is one that reads it (envFrom, configMapKeyRef, a volume); `hosts` are then those of the keys it reads. */
  readonly readsConfigMap?: boolean;
  /**
   * For a ConfigMap read by `pod`: true when the Pod takes the host's key by name or as a variable
   * (`configMapKeyRef`, a volume's `items`, `envFrom`), so that the program evidently uses it; a
   * whole ConfigMap mounted as files may hold keys the program never reads.
   */
  readonly named?: (host: ConfiguredHost) => boolean;
}

/**
 * The hosts an object configures and where they are looked up from: a workload's own first Pod; for
 * a ConfigMap, the first Pod of each workload of its namespace that reads it (`envFrom`,
 * `configMapKeyRef`, a `configMap` volume, also projected), each with its own search path and
 * dnsConfig; when none does (the ConfigMap is read through the API, or by Pods made elsewhere), a
 * ClusterFirst Pod of its namespace.
 */
export function configuredHostOrigins(context: Pick<RuleContext, 'model' | 'settings'>, object: ManifestObject): readonly ConfiguredHosts[] {
  if (object.kind === 'ConfigMap') {
    const hosts = configMapHostsOf(object).filter((host) => !hasPlaceholder(host.written));
    if (hosts.length === 0) return [];
    const readers: ConfiguredHosts[] = [];
    for (const pod of context.model.configMapReadersOf(object.namespace, object.name)) {
      const owner = pod.template.owner;
      const read = hosts.filter((host) => readsConfigMapKey(owner, object.name, String(host.path[1])));
      if (read.length === 0) continue;
      readers.push({
        hosts: read, pod, namespace: pod.namespace, from: `${owner.kind} "${owner.name}" (namespace "${pod.namespace}"), which reads this ConfigMap`, readsConfigMap: true,
        named: (host) => readsConfigMapKey(owner, object.name, String(host.path[1]), true),
      });
    }
    if (readers.length > 0) {
      // keys no reader takes are still looked up from the namespace
      const unread = hosts.filter((host) => !readers.some((reader) => reader.hosts.includes(host)));
      return unread.length > 0 ? [...readers, { hosts: unread, namespace: object.namespace, from: `namespace "${object.namespace}"` }] : readers;
    }
    return [{ hosts, namespace: object.namespace, from: `namespace "${object.namespace}"` }];
  }
  const hosts = configuredHostsOf(object).filter((host) => !hasPlaceholder(at(object.body, ...host.path)));
  if (hosts.length === 0) return [];
  const pod = podsMadeBy(context, object)[0];
  return pod ? [{ hosts, pod, namespace: pod.namespace, from: `${object.kind} "${object.name}" (namespace "${pod.namespace}")` }] : [];
}


/** The first of configuredHostOrigins: where a hover looks a host up from. */
export function configuredHostsWithPod(context: Pick<RuleContext, 'model' | 'settings'>, object: ManifestObject): ConfiguredHosts | undefined {
  return configuredHostOrigins(context, object)[0];
}

/** Each host of each origin, a host written once (its path and text) only with the first origin that `judge` reports on. */
export function forEachConfiguredHost(origins: readonly ConfiguredHosts[], judge: (configured: ConfiguredHosts, host: ConfiguredHost) => boolean): void {
  const done = new Set<string>();
  for (const configured of origins) {
    for (const host of configured.hosts) {
      const key = `${host.path.join('\u0000')}\u0001${host.written}`;
      if (done.has(key)) continue;
      if (judge(configured, host)) done.add(key);
    }
  }
}
