import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import { hasPlaceholder } from '../placeholders';
import { configMapHostsOf, templateUsesConfigMap } from '../references/configMapHosts';
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
  const hosts = (isConfigMap ? configMapHostsOf(object) : configuredHostsOf(object)).filter((host) => !hasPlaceholder(isConfigMap ? host.written : at(object.body, ...host.path)));
  if (hosts.length === 0) return undefined;
  const pod = isConfigMap ? context.model.podsIn(object.namespace).find((candidate) => templateUsesConfigMap(candidate.template, object.name)) : podsMadeBy(context, object)[0];
  return pod ? { hosts, pod } : undefined;
}
