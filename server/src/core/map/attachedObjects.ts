import type { ClusterModel } from '../model/clusterModel';
import { matchesLabelSelector } from '../model/labelSelector';
import type { ManifestObject } from '../model/manifestObject';
import { at, text } from '../references/fields';
import { disruptionBudgetSelector } from '../references/podSelectors';
import { scaleTargetRefOf } from '../references/scaleTargets';
import type { ValuePath } from '../yaml/sourceLocator';

/** An object that acts on workloads without carrying traffic: an autoscaler or a PodDisruptionBudget. */
export interface AttachedObject {
  readonly object: ManifestObject;
  readonly kind: 'autoscaler' | 'budget';
  /** `2–10 replicas`, `minAvailable 2`. */
  readonly details: readonly string[];
  /** The workloads it acts on, and where in it the link is written. */
  readonly targets: readonly ManifestObject[];
  readonly path: ValuePath;
}

/**
 * The autoscalers (HorizontalPodAutoscaler, KEDA ScaledObject) and PodDisruptionBudgets of the
 * namespaces in scope, each with the workloads it acts on: the scaleTargetRef's workload, or the
 * owners of the Pods the budget's selector matches. One that reaches nothing is still listed (its
 * finding says why), so the map shows it beside nothing rather than hiding it.
 */
export function attachedObjects(model: ClusterModel, inScope: (namespace: string) => boolean): AttachedObject[] {
  const attached: AttachedObject[] = [];
  for (const object of [...model.objectsOfKind('HorizontalPodAutoscaler'), ...model.objectsOfKind('ScaledObject')]) {
    if (!inScope(object.namespace)) continue;
    const ref = scaleTargetRefOf(object);
    if (!ref) continue;
    const targets = ref.name ? model.objectsNamed(ref.kind, object.namespace, ref.name) : [];
    attached.push({ object, kind: 'autoscaler', details: replicaRange(object), targets, path: ref.path });
  }
  for (const budget of model.objectsOfKind('PodDisruptionBudget')) {
    if (!inScope(budget.namespace)) continue;
    const selector = disruptionBudgetSelector(budget);
    if (!selector || selector.placeholder) continue;
    const owners = new Set<ManifestObject>();
    for (const pod of model.podsIn(budget.namespace)) if (matchesLabelSelector(pod.labels, selector.selector)) owners.add(pod.template.owner);
    attached.push({ object: budget, kind: 'budget', details: budgetDetails(budget), targets: [...owners], path: selector.path });
  }
  return attached;
}

function replicaRange(autoscaler: ManifestObject): string[] {
  const spec = at(autoscaler.body, 'spec');
  const keda = autoscaler.kind === 'ScaledObject';
  const min = at(spec, keda ? 'minReplicaCount' : 'minReplicas');
  const max = at(spec, keda ? 'maxReplicaCount' : 'maxReplicas');
  if (typeof min !== 'number' && typeof max !== 'number') return [];
  // the API's defaults: an HPA's minReplicas is 1; KEDA scales to 0 and up to 100
  const low = typeof min === 'number' ? min : keda ? 0 : 1;
  const high = typeof max === 'number' ? String(max) : keda ? '100' : '?';
  return [`${low}–${high} replicas`];
}

function budgetDetails(budget: ManifestObject): string[] {
  const spec = at(budget.body, 'spec');
  for (const key of ['minAvailable', 'maxUnavailable']) {
    const value = at(spec, key);
    if (typeof value === 'number' || typeof value === 'string') return [`${key} ${text(value) ?? String(value)}`];
  }
  return [];
}
