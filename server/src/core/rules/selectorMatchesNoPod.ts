import { formatSelector, matchesLabelSelector } from '../model/labelSelector';
import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import type { LabelSelector } from '../model/schemas/workload';
import { podsMaybeSelectedBy } from '../model/selectorMatch';
import { hasPlaceholder } from '../placeholders';
import type { PodSelectorAt } from '../references/podSelectors';
import { editDistance, MAX_SUGGESTION_CANDIDATES } from './closestName';
import { podMatchesOnceSubstituted } from './placeholderMatches';
import { podsMadeBy } from './podsMadeBy';
import { selectorLabelsFix } from './selectorFix';
import type { Report, RuleContext } from './types';

/** The kinds that make Pods (a bare Pod among them). */
const WORKLOAD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob'];

/**
 * Reports a label selector (a PodDisruptionBudget's, a NetworkPolicy's) that matches no Pod of
 * `namespace` — workloads that run none now (`replicas: 0`) count by the first Pod they would make —
 * when the mistake is evident, as Pods of other charts and operators are often not in the
 * workspace: `otherNamespace` when only Pods of another namespace match (both written out),
 * `didYouMean` when a Pod's labels are a likely typo away, `noMatch` when a workload of the
 * namespace is written in the same file. Empty selectors and placeholders are never judged.
 * Messages get `field`, `selector`, `namespace`, `others`, `nearMiss` and `owner`.
 */
export function reportSelectorMatchingNoPod(context: RuleContext, object: ManifestObject, at: PodSelectorAt, namespace: string): void {
  const { model } = context;
  const { selector } = at;
  if (at.empty || at.placeholder || hasPlaceholder(namespace)) return;
  const matchLabels = selector.matchLabels ?? {};
  // through the label index first: a healthy selector reads only the Pods that carry its labels, so
  // an edit of another workload of the namespace does not re-check it
  if (Object.keys(matchLabels).length > 0 && model.podsSelectedBy(namespace, matchLabels).some((pod) => matchesLabelSelector(pod.labels, selector))) return;
  const podsHere = model.podsIn(namespace);
  if (podsHere.some((pod) => matchesLabelSelector(pod.labels, selector))) return;
  const idle = workloadsIn(context, namespace).filter((owner) => model.podsOf(owner).length === 0);
  if (idle.some((owner) => podsMadeBy(context, owner).some((pod) => matchesLabelSelector(pod.labels, selector)))) return;
  // a label the controller generates (pod-template-hash, controller-uid) may match: no claim either way
  if (podsMaybeSelectedBy(model, namespace, matchLabels).length > 0) return;
  if (podMatchesOnceSubstituted(model, namespace, matchLabels)) return;
  const data = { field: at.field, selector: describeSelector(selector), namespace };
  const report = (messageId: string, extra: Record<string, string>, related?: { object: ManifestObject; path: (string | number)[]; on?: 'key'; message: string }, fix?: Report['fix']) =>
    context.report({ messageId, data: { ...data, ...extra }, path: at.path, on: 'key', related: related ? [related] : undefined, fix });
  if (object.namespaceDeclared) {
    const elsewhere = model.pods().filter((pod) => pod.namespace !== namespace && matchesLabelSelector(pod.labels, selector));
    if (elsewhere.length > 0) {
      // a workload that does not write its namespace may be put in this one by a kustomization
      if (elsewhere.some((pod) => hasPlaceholder(pod.namespace) || !pod.template.owner.namespaceDeclared)) return;
      const first = elsewhere[0].template.owner;
      const others = [...new Set(elsewhere.map((pod) => `"${pod.namespace}"`))].sort().join(', ');
      report('otherNamespace', { others }, { object: first, path: ['metadata', 'name'], message: `${first.kind} "${first.name}" in namespace "${first.namespace}" has matching labels` });
      return;
    }
  }
  const candidates = [...podsHere, ...idle.flatMap((owner) => podsMadeBy(context, owner))];
  const nearMiss = candidates.length <= MAX_SUGGESTION_CANDIDATES && Object.keys(matchLabels).length > 0 ? candidates.find((pod) => isNearMiss(pod, selector)) : undefined;
  if (nearMiss) {
    const owner = nearMiss.template.owner;
    const labels = Object.fromEntries(Object.keys(matchLabels).map((key) => [key, nearMiss.labels[key]]));
    report('didYouMean', { nearMiss: formatSelector(labels), owner: `${owner.kind} "${owner.name}"` }, { object: owner, path: [...nearMiss.template.templatePath, 'metadata', 'labels'], on: 'key', message: `${owner.kind} "${owner.name}" has labels ${formatSelector(labels)}` },
      selectorLabelsFix(object, [...at.path, 'matchLabels'], matchLabels, labels));
    return;
  }
  if (candidates.some((pod) => pod.template.owner.file === object.file)) report('noMatch', {});
}

function workloadsIn(context: RuleContext, namespace: string): ManifestObject[] {
  return WORKLOAD_KINDS.flatMap((kind) => context.model.objectsOfKind(kind).filter((owner) => owner.namespace === namespace));
}

/**
 * Every matchLabels key is on the Pod, each differing value a typo of the Pod's (two edits at most:
 * a policy's peers are neighbours with look-alike names, argocd-server beside argocd-repo-server),
 * and the expressions hold.
 */
function isNearMiss(pod: PodView, selector: LabelSelector): boolean {
  let differs = false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const actual = pod.labels[key];
    if (actual === undefined) return false;
    if (actual === value) continue;
    if (editDistance(value, actual, MAX_TYPO_EDITS) > MAX_TYPO_EDITS) return false;
    differs = true;
  }
  if (!differs) return false;
  return matchesLabelSelector(pod.labels, { matchExpressions: selector.matchExpressions });
}

const MAX_TYPO_EDITS = 2;

export function describeSelector(selector: LabelSelector): string {
  const labels = formatSelector(selector.matchLabels ?? {});
  const expressions = (selector.matchExpressions ?? []).map((expression) => `${expression.key} ${expression.operator}${expression.values?.length ? ` (${expression.values.join(', ')})` : ''}`);
  return [labels, ...expressions].filter((part) => part !== '').join(', ') || '{}';
}
