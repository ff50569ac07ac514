import { admittedTemplateLabels, generatedLabelsOf } from '../model/controllerLabels';
import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import { isRecord } from '../model/extractObjects';
import { matchesLabels, matchesLabelSelector } from '../model/labelSelector';
import { readLabelSelectorPlain } from '../model/schemas/plainReaders';
import type { LabelSelector } from '../model/schemas/workload';
import { defineRule } from './types';
import { isApiObject, rawAt } from './validation/apiObjects';
import { goValue } from './validation/fieldErrors';
import { firstPlace } from './validation/places';
import { holdsPlaceholder } from '../placeholders';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export default defineRule({
  meta: {
    id: 'workload-selector-mismatch',
    description: "A workload whose `selector` does not match its own Pod template's labels, or an apps/v1 workload without a selector: the API server rejects it, because the controller could never find the Pods it creates.",
    remediation: 'Give the Pod template every label the selector requires (matchLabels and matchExpressions), or narrow the selector to labels the template has.',
    severity: 'error',
    kinds: ['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'ReplicationController', 'StatefulSet'],
    scope: 'object',
    messages: {
      required: 'spec.selector: Required value',
      mismatch: 'spec.template.metadata.labels: Invalid value: {{value}}: `selector` does not match template `labels`',
    },
    example: {
      wrong: 'spec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: frontend}',
      right: 'spec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}',
    },
  },
  check(context, object) {
    if (!isApiObject(object) || !isRecord(rawAt(object, ['spec']))) return;
    const written = rawAt(object, ['spec', 'selector']);
    const missing = written === undefined || written === null;
    // apps/v1 stopped defaulting the selector from the template labels; older versions and Jobs still fill it in.
    if (missing && object.apiVersion !== 'apps/v1') return;
    // Without template labels either, the document is most likely a patch fragment (a kustomize
    // overlay changing one container), not a whole workload: only a labelled template is judged.
    if (missing && Object.keys(templateLabels(object) ?? {}).length === 0) return;
    // A DaemonSet has no "required" check: its missing selector selects nothing, so it fails the match below.
    if (missing && object.kind !== 'DaemonSet') {
      context.report({ messageId: 'required', ...firstPlace(context, object, [{ path: ['spec'], on: 'key' }]) });
      return;
    }
    if (!isRecord(rawAt(object, ['spec', 'template']))) return;
    const labels = templateLabels(object);
    if (labels === undefined || (!missing && (matches(object, written, admittedTemplateLabels(object, labels)) || namesGeneratedLabel(object, written)))) return;
    // a selector or labels holding placeholders may match once substituted
    if (holdsPlaceholder(written) || holdsPlaceholder(labels)) return;
    context.report({
      messageId: 'mismatch',
      data: { value: goValue(Object.keys(labels).length ? labels : null) },
      ...firstPlace(context, object, [
        { path: ['spec', 'template', 'metadata', 'labels'], on: 'key' },
        { path: ['spec', 'template', 'metadata'], on: 'key' },
        { path: ['spec', 'template'], on: 'key' },
        { path: ['spec'], on: 'key' },
      ]),
      related: missing ? [] : [{ object, path: ['spec', 'selector'], on: 'key', message: 'the selector the template labels must match' }],
    });
  },
});

/** A Job's selector on its controller-uid cannot be judged: the API server adds the UID label to the template. */
function namesGeneratedLabel(object: ManifestObject, written: unknown): boolean {
  if (object.kind !== 'Job') return false;
  const template = podTemplateOf(object);
  const selector = isRecord(written) ? readLabelSelectorPlain(written) : undefined;
  if (!template || !selector) return false;
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((expression) => expression.key)];
  return generatedLabelsOf(template).some((label) => keys.includes(label.key));
}

/** The template's labels as strings, or undefined when they would not decode as a string map. */
function templateLabels(object: ManifestObject): Record<string, string> | undefined {
  const labels = rawAt(object, ['spec', 'template', 'metadata', 'labels']) ?? {};
  if (!isRecord(labels)) return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') return undefined;
    result[key] = value;
  }
  return result;
}

/**
 * True when the selector selects the labels, or cannot be judged here: an empty selector or one
 * the API rejects for its own reasons (an unknown operator) gets a different error, not this one.
 */
function matches(object: ManifestObject, written: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(written)) return true;
  if (object.kind === 'ReplicationController') {
    // A ReplicationController's selector is a plain map; empty, it is defaulted from the template labels.
    if (Object.keys(written).length === 0 || Object.values(written).some((value) => typeof value !== 'string')) return true;
    return matchesLabels(labels, written as Record<string, string>);
  }
  const selector: LabelSelector | undefined = readLabelSelectorPlain(written);
  if (!selector) return true;
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(selector.matchLabels ?? {}).length === 0 && expressions.length === 0) return true;
  if (expressions.some((expression) => !OPERATORS.has(expression.operator ?? ''))) return true;
  return matchesLabelSelector(labels, selector);
}
