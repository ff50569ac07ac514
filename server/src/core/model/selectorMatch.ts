import type { ClusterModel } from './clusterModel';
import { GENERATED_LABEL_KEYS, generatedLabelsOf } from './controllerLabels';
import type { PodView } from './podView';

/**
 * Whether a Service-style selector selects a modelled Pod. `unknown` when it could only through a
 * label whose value the controller makes at run time (pod-template-hash, controller-uid, a
 * CronJob's job-name): the model neither publishes such a Pod nor may a rule call it unselected.
 */
export type SelectorMatch = 'selected' | 'not-selected' | 'unknown';

export function selectorMatchOf(pod: PodView, selector: Readonly<Record<string, string>>): SelectorMatch {
  let unknown = false;
  for (const key in selector) {
    const value = pod.labels[key];
    if (value === selector[key]) continue;
    if (value === undefined && GENERATED_LABEL_KEYS.has(key) && generatedLabelsOf(pod.template).some((label) => label.key === key && label.mayBe(selector[key]))) {
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
