import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectorMatchOf } from '../../../server/src/core/model/selectorMatch';
import { lines, modelOf } from '../../helpers/modelFrom';

/** The labels the controllers (and, for a Job, the API server) write on the Pods they create. */
describe('controller labels on modelled Pods', () => {
  const podsOf = (yaml: string) => modelOf({ 'w.yaml': yaml }).podsIn('default');
  const template = (labels: string) => `  template: {metadata: {labels: {${labels}}}, spec: {restartPolicy: Never, containers: [{name: c}]}}`;

  it('Job: job-name and batch.kubernetes.io/job-name unless the template sets them (strategy.go generateSelector)', () => {
    assert.deepEqual(podsOf(lines('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: pi}', 'spec:', template('app: pi')))[0].labels, { app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi' });
    const own = podsOf(lines('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: pi}', 'spec:', template('job-name: mine')))[0].labels;
    assert.deepEqual(own, { 'job-name': 'mine', 'batch.kubernetes.io/job-name': 'pi' });
  });

  it('Job with manualSelector: true: nothing added', () => {
    const pods = podsOf(lines('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: pi}', 'spec:', '  manualSelector: true', '  selector: {matchLabels: {app: pi}}', template('app: pi')));
    assert.deepEqual(pods[0].labels, { app: 'pi' });
    assert.equal(selectorMatchOf(pods[0], { 'controller-uid': 'x' }), 'not-selected');
  });

  it('Indexed Job: the completion index label per Pod; its controller-uid is unknown', () => {
    const pods = podsOf(lines('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: pi}', 'spec:', '  completionMode: Indexed', '  completions: 2', '  parallelism: 2', template('app: pi')));
    assert.deepEqual(pods.map((pod) => pod.labels['batch.kubernetes.io/job-completion-index']), ['0', '1']);
    assert.equal(selectorMatchOf(pods[0], { app: 'pi', 'batch.kubernetes.io/controller-uid': '7c2e083b' }), 'unknown');
    assert.equal(selectorMatchOf(pods[0], { app: 'other', 'controller-uid': '7c2e083b' }), 'not-selected');
    assert.equal(selectorMatchOf(pods[0], { app: 'pi', 'batch.kubernetes.io/job-completion-index': '1' }), 'unknown', 'another Pod of the Job');
    assert.equal(selectorMatchOf(pods[1], { app: 'pi', 'batch.kubernetes.io/job-completion-index': '1' }), 'selected');
    assert.equal(selectorMatchOf(pods[0], { app: 'pi', 'batch.kubernetes.io/job-completion-index': '2' }), 'not-selected', 'completions: 2 never runs index 2');
  });

  it('CronJob: job-name is <cronjob>-<minutes>, unknown but of a known shape', () => {
    const pods = podsOf(lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: nightly}', 'spec:', '  schedule: "0 1 * * *"', '  jobTemplate:', '    spec:', '  ' + template('app: n')));
    assert.equal(pods[0].labels['job-name'], undefined);
    assert.equal(selectorMatchOf(pods[0], { 'job-name': 'nightly-29412345' }), 'unknown');
    assert.equal(selectorMatchOf(pods[0], { 'job-name': 'nightly' }), 'not-selected');
  });

  it('StatefulSet: pod-name and pod-index per Pod; a controller-revision-hash in the template is overwritten', () => {
    const pods = podsOf(lines('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}', 'spec:', '  replicas: 2', '  serviceName: db', '  selector: {matchLabels: {app: db}}', template('app: db, controller-revision-hash: db-abc')));
    assert.deepEqual(pods.map((pod) => pod.labels), [
      { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0', 'apps.kubernetes.io/pod-index': '0' },
      { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' },
    ]);
    assert.equal(selectorMatchOf(pods[0], { 'controller-revision-hash': 'db-abc' }), 'unknown');
  });

  it('Deployment: pod-template-hash unknown; ReplicaSet: its template labels only', () => {
    const deployment = podsOf(lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  replicas: 2', '  selector: {matchLabels: {app: web}}', template('app: web')));
    assert.equal(deployment[0].labels, deployment[1].labels, 'replicas share one labels object');
    assert.deepEqual(deployment[0].labels, { app: 'web' });
    assert.equal(selectorMatchOf(deployment[0], { app: 'web', 'pod-template-hash': '5d8f7c9b64' }), 'unknown');
    const replicaSet = podsOf(lines('apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: web}', 'spec:', '  selector: {matchLabels: {app: web}}', template('app: web')));
    assert.equal(selectorMatchOf(replicaSet[0], { app: 'web', 'pod-template-hash': '5d8f7c9b64' }), 'not-selected');
  });

  it('DaemonSet: controller-revision-hash and pod-template-generation unknown', () => {
    const pods = podsOf(lines('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec:', '  selector: {matchLabels: {app: agent}}', template('app: agent')));
    assert.equal(selectorMatchOf(pods[0], { app: 'agent', 'pod-template-generation': '1' }), 'unknown');
  });
});
