import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesLabels } from '../../../server/src/core/model/labelSelector';
import { PodLabelSummary } from '../../../server/src/core/model/podLabelSummary';
import type { PodView } from '../../../server/src/core/model/podView';

const pods = (labels: Record<string, string>[]): PodView[] => labels.map((set) => ({ labels: set }) as unknown as PodView);

describe('PodLabelSummary: does a Service selector pick any of a workload\'s Pods', () => {
  it('answers as matching each Pod does, for shared labels, per-Pod labels and labels no Pod has', () => {
    const statefulSet = pods([0, 1, 2].map((index) => ({ app: 'db', tier: 'data', 'statefulset.kubernetes.io/pod-name': `db-${index}` })));
    const summary = new PodLabelSummary(statefulSet);
    const selectors: Record<string, string>[] = [
      {}, { app: 'db' }, { app: 'web' }, { app: 'db', tier: 'data' }, { app: 'db', tier: 'web' }, { other: 'x' },
      { 'statefulset.kubernetes.io/pod-name': 'db-1' }, { 'statefulset.kubernetes.io/pod-name': 'db-7' },
      { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-2' }, { app: 'web', 'statefulset.kubernetes.io/pod-name': 'db-2' },
    ];
    for (const selector of selectors) assert.equal(summary.selectedBy(selector), statefulSet.some((pod) => matchesLabels(pod.labels, selector)), JSON.stringify(selector));
  });

  it('selects nothing when there are no Pods', () => {
    assert.equal(new PodLabelSummary([]).selectedBy({}), false);
  });
});
