import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import { hasPlaceholder } from '../placeholders';
import { configMapHostsOf } from '../references/configMapHosts';
import { configuredHostsOf, type ConfiguredHost } from '../references/configuredHosts';
import { at } from '../references/fields';
import { podsMadeBy } from './podsMadeBy';
import type { RuleContext } from './types';

/** The kinds whose values configure hosts: what makes Pods, and ConfigMaps. */
export const CONFIGURING_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob', 'ConfigMap'];

/** The hosts an object configures (no placeholders), and who looks them up. */
export interface ConfiguredHosts {
  readonly hosts: readonly ConfiguredHost[];
  /** The object's own first Pod: its resolv.conf, hostname and hostAliases. */
  readonly pod?: PodView;
  /** For a ConfigMap: its namespace, the only one whose Pods can read it. */
  readonly namespace: string;
  /** `Deployment "cart" (namespace "shop")`, `namespace "shop"`, for messages. */
  readonly from: string;
}

/**
 * The hosts an object configures and where they are looked up from: a workload's own first Pod; for
 * a ConfigMap, a ClusterFirst Pod of its namespace. (Finding the Pods that read the ConfigMap would
 * make its findings depend on every workload of the namespace, so that any edit there re-checks it.)
 */
export function configuredHostsWithPod(context: Pick<RuleContext, 'model' | 'settings'>, object: ManifestObject): ConfiguredHosts | undefined {
  if (object.kind === 'ConfigMap') {
    const hosts = configMapHostsOf(object).filter((host) => !hasPlaceholder(host.written));
    return hosts.length > 0 ? { hosts, namespace: object.namespace, from: `namespace "${object.namespace}"` } : undefined;
  }
  const hosts = configuredHostsOf(object).filter((host) => !hasPlaceholder(at(object.body, ...host.path)));
  if (hosts.length === 0) return undefined;
  const pod = podsMadeBy(context, object)[0];
  return pod ? { hosts, pod, namespace: pod.namespace, from: `${object.kind} "${object.name}" (namespace "${pod.namespace}")` } : undefined;
}
