import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectorMatchOf } from '../../../server/src/core/model/selectorMatch';
import { podsMadeBy } from '../../../server/src/core/rules/podsMadeBy';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';

const SCALED_JOB = `apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata:
  name: report
  namespace: shop
spec:
  jobTargetRef:
    parallelism: 2
    template:
      metadata:
        labels: {app: report}
      spec:
        restartPolicy: Never
        containers:
        - name: report
          image: report
          ports: [{name: metrics, containerPort: 9090}]
  triggers:
  - type: cron
    metadata: {timezone: UTC, start: 0 * * * *, end: 5 * * * *, desiredReplicas: "1"}
`;

describe('a KEDA ScaledJob: a workload whose Pods run only while its trigger has events', () => {
  it('makes no Pod in the model, so no Service gets endpoints from it', () => {
    const model = modelOf({ 'jobs.yaml': SCALED_JOB });
    const [scaledJob] = model.objectsOfKind('ScaledJob');
    assert.equal(model.podsOf(scaledJob).length, 0);
    assert.equal(model.podsIn('shop').length, 0);
  });

  it('gives rules its first Pod: the template labels, a Job Pod name, and a job-name known only by its prefix', () => {
    const model = modelOf({ 'jobs.yaml': SCALED_JOB });
    const [scaledJob] = model.objectsOfKind('ScaledJob');
    const [pod] = podsMadeBy({ model, settings: model.settings }, scaledJob);
    assert.equal(pod.labels.app, 'report');
    assert.match(pod.name, /^report-[a-z0-9]{5}-[a-z0-9]{5}$/);
    assert.equal(pod.template.spec.containers?.[0].ports?.[0].name, 'metrics');
    assert.equal(selectorMatchOf(pod, { 'job-name': 'report-x7k2q' }), 'unknown');
    assert.equal(selectorMatchOf(pod, { 'job-name': 'other-x7k2q' }), 'not-selected');
  });

  it('has its Pod template checked like any other: a PodDisruptionBudget selecting its Pods matches something', () => {
    const budget = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: report, namespace: shop}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: reprt}\n';
    const model = modelOf({ 'jobs.yaml': SCALED_JOB, 'budget.yaml': budget });
    const messages = lintFiles(model).findings.filter((finding) => finding.ruleId === 'pdb-selector-matches-nothing').map((finding) => finding.message);
    assert.deepEqual(messages, ['spec.selector app=reprt matches no Pod in namespace "shop"; did you mean app=report, the labels of ScaledJob "report"? Until then this PodDisruptionBudget protects nothing.']);
  });
});
