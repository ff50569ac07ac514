import { matchesLabels } from './labelSelector';
import type { PodView } from './podView';

/**
 * Whether a Service selector picks any of a set of Pods (a workload's), asked for every Service of
 * a namespace. The labels all the Pods share settle most selectors at once; only a selector naming
 * a label that differs from Pod to Pod (a StatefulSet's `statefulset.kubernetes.io/pod-name`) is
 * checked Pod by Pod. 14,000 Services checked against 1,000 Pods each took seconds.
 */
export class PodLabelSummary {
  /** Labels every Pod has, with one value. */
  private readonly shared = new Map<string, string>();
  /** Every label key some Pod has. */
  private readonly keys = new Set<string>();

  constructor(private readonly pods: readonly PodView[]) {
    pods.forEach((pod, index) => {
      for (const key in pod.labels) this.keys.add(key);
      if (index === 0) for (const key in pod.labels) this.shared.set(key, pod.labels[key]);
      else for (const [key, value] of this.shared) if (pod.labels[key] !== value) this.shared.delete(key);
    });
  }

  selectedBy(selector: Readonly<Record<string, string>>): boolean {
    if (this.pods.length === 0) return false;
    let perPod = false;
    for (const key in selector) {
      if (!this.keys.has(key)) return false;
      const shared = this.shared.get(key);
      if (shared === undefined) perPod = true;
      else if (shared !== selector[key]) return false;
    }
    return !perPod || this.pods.some((pod) => matchesLabels(pod.labels, selector));
  }
}
