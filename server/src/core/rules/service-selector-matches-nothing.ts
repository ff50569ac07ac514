import { COMPLETION_INDEX, isOrdinal, isOrdinalName, POD_INDEX, POD_NAME } from '../model/controllerLabels';
import { formatSelector } from '../model/labelSelector';
import type { PodView } from '../model/podView';
import { podsMaybeSelectedBy } from '../model/selectorMatch';
import { closestName, MAX_SUGGESTION_CANDIDATES } from './closestName';
import { selectsPodsLeftOut } from './cutShortWorkloads';
import { rawAt } from './validation/apiObjects';
import { selectorLabelsFix } from './selectorFix';
import { defineRule } from './types';
import { podMatchesOnceSubstituted } from './placeholderMatches';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';

export default defineRule({
  meta: {
    id: 'service-selector-matches-nothing',
    description: "A Service's selector matches no Pod or Pod template in its namespace, so the Service has no endpoints.",
    remediation: 'Make the selector a subset of the Pod template labels of the workload it should route to, in the same namespace.',
    severity: 'warning',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      noMatch: 'selector {{selector}} matches no Pod in namespace "{{namespace}}", so Service "{{name}}" has no endpoints.',
      didYouMean: 'selector {{selector}} matches no Pod in namespace "{{namespace}}"; did you mean {{nearMiss}}, the labels of {{owner}}? Service "{{name}}" has no endpoints.',
      otherNamespace: 'selector {{selector}} matches no Pod in namespace "{{namespace}}", only Pods in {{others}}; a Service selects Pods of its own namespace only.',
      ordinalNotRun: 'selector {{selector}} names a Pod that StatefulSet "{{owner}}" does not run: it makes {{pods}}, so Service "{{name}}" has no endpoints unless the set is scaled up.',
      indexNotRun: 'selector {{selector}} names a completion index that Job "{{owner}}" never runs: its indexes are 0 to {{last}}, so Service "{{name}}" has no endpoints.',
    },
    example: {
      wrong: 'kind: Service\nspec:\n  selector: {app: web}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: frontend}',
      right: 'kind: Service\nspec:\n  selector: {app: frontend}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: frontend}',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service || !service.selector || service.type === 'ExternalName') return;
    const selector = service.selector;
    if (holdsPlaceholder(selector)) return;
    // through the label index: a healthy Service reads only the Pods that carry its labels
    if (context.model.podsSelectedBy(service.namespace, selector).length > 0) return;
    // a label the controller generates (pod-template-hash, controller-uid) may match: no claim either way
    if (podsMaybeSelectedBy(context.model, service.namespace, selector).length > 0) return;
    const data = { selector: formatSelector(selector), namespace: service.namespace, name: service.name };
    // a Pod labelled by a placeholder may be selected once substituted
    if (podMatchesOnceSubstituted(context.model, service.namespace, selector)) return;
    // Pods of a workload the Pod caps cut short run but are not modelled
    if (selectsPodsLeftOut(context, service.namespace, selector)) return;
    const elsewhere = context.model.podsMatching(selector).filter((pod) => pod.namespace !== service.namespace);
    if (elsewhere.length > 0) {
      if (hasPlaceholder(service.namespace) || elsewhere.some((pod) => hasPlaceholder(pod.namespace))) return;
      const first = elsewhere[0].template.owner;
      const namespaces = [...new Set(elsewhere.map((pod) => pod.namespace))].sort();
      context.report({
        messageId: 'otherNamespace',
        data: { ...data, others: namespaces.map((namespace) => `"${namespace}"`).join(', ') },
        path: ['spec', 'selector'],
        on: 'key',
        related: [{ object: first, path: ['metadata', 'name'], message: `${first.kind} "${first.name}" in namespace "${first.namespace}" has matching labels` }],
      });
      return;
    }
    // Pods of other charts or operators are often not in the workspace. Speak only when the
    // mistake is evident: a near miss (a typo in a value), or a workload written in the same file.
    const podsHere = context.model.podsIn(service.namespace);
    // compared with each Pod of the namespace, so bounded like every suggestion (closestName.ts)
    const nearMiss = podsHere.length <= MAX_SUGGESTION_CANDIDATES ? podsHere.find((pod) => isNearMiss(pod, selector)) : undefined;
    // a per-Pod Service (statefulset.kubernetes.io/pod-name: web-5, job-completion-index: "9") of a Pod never made
    const identityPod = podsHere.length <= MAX_SUGGESTION_CANDIDATES ? podsHere.find((pod) => isOtherIdentity(pod, selector)) : undefined;
    if (identityPod?.template.owner.kind === 'StatefulSet') {
      const owner = identityPod.template.owner;
      const names = context.model.podsOf(owner).map((pod) => pod.name);
      context.report({
        messageId: 'ordinalNotRun',
        data: { ...data, owner: owner.name, pods: names.length === 0 ? 'no Pods' : names.length === 1 ? names[0] : `${names[0]} to ${names[names.length - 1]}` },
        path: ['spec', 'selector'],
        on: 'key',
        related: [{ object: owner, path: ['spec', 'replicas'], message: `the replicas of StatefulSet "${owner.name}"` }],
      });
    } else if (identityPod) {
      const owner = identityPod.template.owner;
      const jobSpecPath = identityPod.template.templatePath.slice(0, -1);
      const completions = rawAt(owner, [...jobSpecPath, 'completions']);
      context.report({
        messageId: 'indexNotRun',
        data: { ...data, owner: owner.name, last: typeof completions === 'number' ? completions - 1 : '?' },
        path: ['spec', 'selector'],
        on: 'key',
        related: [{ object: owner, path: [...jobSpecPath, 'completions'], message: `the completions of ${owner.kind} "${owner.name}"` }],
      });
    } else if (nearMiss) {
      const owner = nearMiss.template.owner;
      const labels = Object.fromEntries(Object.keys(selector).map((key) => [key, nearMiss.labels[key]]));
      // a label the controller adds (job-name, statefulset.kubernetes.io/pod-name) is written nowhere: point at the owner's name
      const written = Object.keys(selector).every((key) => nearMiss.template.labels[key] === nearMiss.labels[key]);
      const related = written
        ? { object: owner, path: [...nearMiss.template.templatePath, 'metadata', 'labels'], on: 'key' as const, message: `${owner.kind} "${owner.name}" has labels ${formatSelector(labels)}` }
        : { object: owner, path: ['metadata', 'name'], message: `${owner.kind} "${owner.name}" makes Pods labelled ${formatSelector(labels)}` };
      context.report({
        messageId: 'didYouMean',
        data: { ...data, nearMiss: formatSelector(labels), owner: `${owner.kind} "${owner.name}"` },
        path: ['spec', 'selector'],
        on: 'key',
        related: [related],
        fix: selectorLabelsFix(object, ['spec', 'selector'], selector, labels),
      });
    } else if (podsHere.some((pod) => pod.template.owner.file === object.file)) {
      context.report({ messageId: 'noMatch', data, path: ['spec', 'selector'], on: 'key' });
    }
  },
});

/**
 * The selector names one Pod of a StatefulSet or Indexed Job by its identity
 * (`statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`,
 * `batch.kubernetes.io/job-completion-index`), one the workload never makes, and its other labels
 * are this Pod's. (An index the Job runs later is matched as unknown before this is asked.)
 */
function isOtherIdentity(pod: PodView, selector: Readonly<Record<string, string>>): boolean {
  const identityKeys = pod.template.owner.kind === 'StatefulSet' ? [POD_NAME, POD_INDEX] : pod.labels[COMPLETION_INDEX] !== undefined ? [COMPLETION_INDEX] : [];
  if (!identityKeys.some((key) => selector[key] !== undefined)) return false;
  for (const [key, value] of Object.entries(selector)) {
    if (key === POD_NAME && identityKeys.includes(key) ? !isOrdinalName(value, pod.template.owner.name) : identityKeys.includes(key) ? !isOrdinal(value) : pod.labels[key] !== value) return false;
  }
  return true;
}

/** Every selector key is present on the Pod, and each differing value is a likely typo of the Pod's. */
function isNearMiss(pod: PodView, selector: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector)) {
    const actual = pod.labels[key];
    if (actual === undefined) return false;
    if (actual !== value && closestName(value, [actual]) === undefined) return false;
  }
  return true;
}
