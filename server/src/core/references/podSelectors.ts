import type { ManifestObject } from '../model/manifestObject';
import { readLabelSelectorPlain } from '../model/schemas/plainReaders';
import type { LabelSelector } from '../model/schemas/workload';
import { holdsPlaceholder } from '../placeholders';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, list, record } from './fields';

/** A label selector of Pods in one namespace, written in a PodDisruptionBudget or a NetworkPolicy. */
export interface PodSelectorAt {
  /** Path to the selector mapping. */
  readonly path: ValuePath;
  /** `spec.podSelector`, `spec.ingress[0].from[1].podSelector`, for messages. */
  readonly field: string;
  readonly selector: LabelSelector;
  /** Neither matchLabels nor matchExpressions: every Pod of the namespace, on purpose. */
  readonly empty: boolean;
  readonly placeholder: boolean;
}

function selectorAt(value: unknown, path: ValuePath, field: string): PodSelectorAt | undefined {
  if (!record(value)) return undefined;
  const selector = readLabelSelectorPlain(value) ?? {};
  const empty = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  return { path, field, selector, empty, placeholder: holdsPlaceholder(value) };
}

export function isPodDisruptionBudget(object: ManifestObject): boolean {
  return object.kind === 'PodDisruptionBudget' && object.apiVersion.startsWith('policy/');
}

export function isNetworkPolicy(object: ManifestObject): boolean {
  return object.kind === 'NetworkPolicy' && object.apiVersion.startsWith('networking.k8s.io/');
}

/** `spec.selector` of a GKE PodMonitoring (monitoring.googleapis.com): the Pods of its namespace it scrapes. */
export function podMonitoringSelector(monitor: ManifestObject): PodSelectorAt | undefined {
  const isPodMonitoring = monitor.kind === 'PodMonitoring' && monitor.apiVersion.startsWith('monitoring.googleapis.com/');
  return isPodMonitoring ? selectorAt(at(monitor.body, 'spec', 'selector'), ['spec', 'selector'], 'spec.selector') : undefined;
}

/** `spec.selector` of a PodDisruptionBudget: the Pods whose evictions it limits. */
export function disruptionBudgetSelector(budget: ManifestObject): PodSelectorAt | undefined {
  return isPodDisruptionBudget(budget) ? selectorAt(at(budget.body, 'spec', 'selector'), ['spec', 'selector'], 'spec.selector') : undefined;
}

/**
 * The Pod selectors of a NetworkPolicy that select Pods of its own namespace: `spec.podSelector`,
 * and each ingress `from` / egress `to` peer's `podSelector` without a `namespaceSelector` (with
 * one, the Pods are of the namespaces it selects, which the manifests seldom describe).
 */
export function networkPolicySelectors(policy: ManifestObject): PodSelectorAt[] {
  if (!isNetworkPolicy(policy)) return [];
  const selectors: PodSelectorAt[] = [];
  const spec = at(policy.body, 'spec');
  const own = selectorAt(at(spec, 'podSelector'), ['spec', 'podSelector'], 'spec.podSelector');
  if (own) selectors.push(own);
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(at(spec, direction)).forEach((rule, ruleIndex) => {
      list(at(rule, peers)).forEach((peer, peerIndex) => {
        if (at(peer, 'namespaceSelector') !== undefined) return;
        const found = selectorAt(at(peer, 'podSelector'), ['spec', direction, ruleIndex, peers, peerIndex, 'podSelector'], `spec.${direction}[${ruleIndex}].${peers}[${peerIndex}].podSelector`);
        if (found) selectors.push(found);
      });
    });
  }
  return selectors;
}
