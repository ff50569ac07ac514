import { COMPLETION_INDEX, POD_INDEX, POD_NAME } from '../model/controllerLabels';
import type { PodShortfall } from '../model/podBudget';
import { podsMadeBy } from './podsMadeBy';
import type { RuleContext } from './types';

/**
 * Whether a workload of the namespace that the Pod caps cut short (1,000 Pods a workload, 100,000 a
 * workspace) makes Pods the selector picks. Those Pods run in the cluster but are not in the model,
 * so a selector that matches none of the simulated Pods is no mistake of the manifests: a rule
 * makes no claim then (`simulated-pods-capped` says where the model stops). The Pods left out differ
 * from the first only in their identity labels (a StatefulSet's name and ordinal, a Job's index).
 */
export function selectsPodsLeftOut(context: Pick<RuleContext, 'model' | 'settings'>, namespace: string, selector: Readonly<Record<string, string>>): boolean {
  const byNamespace = context.model.memo(SHORTFALLS, 'by namespace', () => shortfallsByNamespace(context.model.podShortfalls()));
  for (const { owner } of byNamespace.get(namespace) ?? []) {
    const [pod] = podsMadeBy(context, owner);
    if (pod && Object.keys(selector).every((key) => IDENTITY_LABELS.has(key) || pod.labels[key] === selector[key])) return true;
  }
  return false;
}

const SHORTFALLS = {};
const IDENTITY_LABELS = new Set([POD_NAME, POD_INDEX, COMPLETION_INDEX]);

function shortfallsByNamespace(shortfalls: readonly PodShortfall[]): Map<string, PodShortfall[]> {
  const byNamespace = new Map<string, PodShortfall[]>();
  for (const shortfall of shortfalls) {
    const list = byNamespace.get(shortfall.owner.namespace);
    if (list) list.push(shortfall);
    else byNamespace.set(shortfall.owner.namespace, [shortfall]);
  }
  return byNamespace;
}
