import type { ClusterModel } from './clusterModel';
import { GENERATED_LABEL_KEYS, generatedLabelsOf } from './controllerLabels';
import type { ManifestObject } from './manifestObject';
import type { PodView } from './podView';

/**
 * Whether a Service-style selector selects a modelled Pod. `unknown` when it could only through a
 * label whose value the controller sets at run time (pod-template-hash, controller-uid, a
 * CronJob's job-name, the index of an Indexed Job's later Pod): the model neither publishes such a
 * Pod nor may a rule call it unselected.
 */
export type SelectorMatch = 'selected' | 'not-selected' | 'unknown';

export function selectorMatchOf(pod: PodView, selector: Readonly<Record<string, string>>): SelectorMatch {
  let unknown = false;
  for (const key in selector) {
    const value = pod.labels[key];
    if (value === selector[key]) continue;
    if (GENERATED_LABEL_KEYS.has(key) && generatedLabelsOf(pod.template).some((label) => label.key === key && label.mayBe(selector[key]))) {
      unknown = true;
      continue;
    }
    return 'not-selected';
  }
  return unknown ? 'unknown' : 'selected';
}

/** True when the selector names a label some controller generates: only then can a match be unknown. */
export function mayNameGeneratedLabel(selector: Readonly<Record<string, string>>): boolean {
  for (const key in selector) if (GENERATED_LABEL_KEYS.has(key)) return true;
  return false;
}

/** Pods of the namespace the selector may select through a generated label; none for most selectors. */
export function podsMaybeSelectedBy(model: ClusterModel, namespace: string, selector: Readonly<Record<string, string>>): readonly PodView[] {
  if (!mayNameGeneratedLabel(selector)) return [];
  return model.podsIn(namespace).filter((pod) => selectorMatchOf(pod, selector) === 'unknown');
}

/**
 * A sentence for hovers and nslookup traces: which generated labels leave a selector's Pods unknown,
 * and whose Pods they may be. `quote` wraps each workspace text (a hover escapes it as Markdown).
 */
export function describeUnknownSelection(model: ClusterModel, namespace: string, selector: Readonly<Record<string, string>>, quote: (text: string) => string = (text) => text): string | undefined {
  const pods = podsMaybeSelectedBy(model, namespace, selector);
  if (pods.length === 0) return undefined;
  const keys = Object.keys(selector).filter((key) => GENERATED_LABEL_KEYS.has(key) && pods.some((pod) => pod.labels[key] !== selector[key]));
  const owners = [...new Set<ManifestObject>(pods.map((pod) => pod.template.owner))].map((owner) => quote(`${owner.kind} ${owner.name}`));
  return `the selector names ${keys.map(quote).join(', ')}, a value the controller sets at run time: the Pods of ${owners.join(', ')} may carry it, which the manifests cannot tell`;
}
