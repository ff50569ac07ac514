import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { MAX_PODS_PER_WORKLOAD, MAX_PODS_PER_WORKSPACE } from '../../../server/src/core/model/podBudget';
import { LintSession } from '../../../server/src/core/rules/lintSession';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import type { Finding } from '../../../server/src/core/rules/types';

/** `count` Deployments of `replicas` each, named `<prefix>-<n>`. */
function deployments(prefix: string, count: number, replicas: number, namespace = 'default'): string {
  let text = '';
  for (let index = 0; index < count; index++) {
    text += `--- {apiVersion: apps/v1, kind: Deployment, metadata: {name: ${prefix}-${index}, namespace: ${namespace}}, spec: {replicas: ${replicas}, selector: {matchLabels: {app: ${prefix}}}, template: {metadata: {labels: {app: ${prefix}}}, spec: {containers: [{name: c}]}}}}\n`;
  }
  return text;
}

/** Per workload: Pods simulated, and the shortfall as `requested/simulated/cap`. */
function simulation(model: ClusterModel): string[] {
  return [...model.objects()].filter((object) => object.kind !== 'Service').map((object) => {
    const shortfall = model.podShortfallOf(object);
    return `${object.file} ${object.name}: ${model.podsOf(object).length}${shortfall ? ` (${shortfall.requested}/${shortfall.simulated}/${shortfall.cap})` : ''}`;
  });
}

function capped(findings: readonly Finding[]): string[] {
  return findings.filter((finding) => finding.ruleId === 'simulated-pods-capped').map((finding) => `${finding.file}: ${finding.message}`).sort();
}

function ruleIds(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.ruleId).sort();
}

describe('Pod budget: simulated Pods are capped per workload and per workspace, whatever the order of files', () => {
  it('simulates the first 1,000 replicas of a workload and says so', () => {
    const model = new ClusterModel();
    model.setFile('a.yaml', deployments('web', 1, 100_000) + deployments('job', 0, 0)
      + '--- {apiVersion: batch/v1, kind: Job, metadata: {name: crunch}, spec: {parallelism: 1e9, template: {spec: {containers: [{name: c}]}}}}\n'
      + '--- {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: agent}, spec: {template: {spec: {containers: [{name: c}]}}}}\n');
    assert.deepEqual(simulation(model), ['a.yaml web-0: 1000 (100000/1000/workload)', 'a.yaml crunch: 1000 (1000000000/1000/workload)', 'a.yaml agent: 1']);
    assert.deepEqual(capped(lintFiles(model).findings), [
      'a.yaml: Deployment "web-0" asks for 100000 Pods; only the first 1000 are simulated (at most 1000 per workload), so its DNS records, endpoints and hovers show those only.',
      'a.yaml: Job "crunch" asks for 1000000000 Pods; only the first 1000 are simulated (at most 1000 per workload), so its DNS records, endpoints and hovers show those only.',
    ]);
  });

  it('makes no claim that a selector matches nothing when the Pods it would match were left out by a cap', () => {
    const service = (name: string, selector: string): string => `--- {apiVersion: v1, kind: Service, metadata: {name: ${name}}, spec: {clusterIP: None, selector: ${selector}, ports: [{port: 80}]}}\n`;
    const statefulSet = (name: string, replicas: number): string => `--- {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: ${name}}, spec: {replicas: ${replicas}, serviceName: ${name}, selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c}]}}}}\n`;
    const model = new ClusterModel();
    // a.yaml takes 99,000 of the workspace's Pods; in b.yaml `big` gets its 1,000 (of 5,000 asked), `db` none
    model.setFile('a.yaml', deployments('a', 99, MAX_PODS_PER_WORKLOAD));
    model.setFile('b.yaml', statefulSet('big', 5_000) + statefulSet('db', 3) + service('db', '{app: db}') + service('db-two', '{statefulset.kubernetes.io/pod-name: db-2}')
      + service('big-4000', '{statefulset.kubernetes.io/pod-name: big-4000}') + service('big-x', '{app: big, tier: x}') + service('typo', '{app: dbb}'));
    assert.deepEqual(['big', 'db'].map((name) => model.podsOf([...model.objects()].find((object) => object.name === name && object.kind === 'StatefulSet')!).length), [1_000, 0]);
    const findings = lintFiles(model).findings.filter((finding) => finding.ruleId === 'service-selector-matches-nothing');
    // the typo and the label no Pod has are still reported
    assert.deepEqual(findings.map((finding) => finding.message).sort(), [
      'selector app=big,tier=x matches no Pod in namespace "default", so Service "big-x" has no endpoints.',
      'selector app=dbb matches no Pod in namespace "default", so Service "typo" has no endpoints.',
    ]);
  });

  it('gives the workspace budget to files in path order, so the order of reading does not matter', () => {
    // three files of 60,000 Pods each: a takes 60,000, b the remaining 40,000, c none
    const files: Record<string, string> = { 'c.yaml': deployments('c', 60, MAX_PODS_PER_WORKLOAD), 'a.yaml': deployments('a', 60, MAX_PODS_PER_WORKLOAD), 'b.yaml': deployments('b', 60, MAX_PODS_PER_WORKLOAD) };
    const forward = new ClusterModel();
    for (const file of ['a.yaml', 'b.yaml', 'c.yaml']) forward.setFile(file, files[file]);
    const backward = new ClusterModel();
    for (const file of ['c.yaml', 'b.yaml', 'a.yaml']) backward.setFile(file, files[file]);
    assert.equal(forward.pods().length, MAX_PODS_PER_WORKSPACE);
    assert.deepEqual(simulation(backward).sort(), simulation(forward).sort());
    const perFile = (file: string): number => [...forward.objects()].filter((object) => object.file === file).reduce((sum, object) => sum + forward.podsOf(object).length, 0);
    assert.deepEqual(['a.yaml', 'b.yaml', 'c.yaml'].map(perFile), [60_000, 40_000, 0]);
    assert.deepEqual(forward.podShortfalls().map((shortfall) => `${shortfall.owner.file} ${shortfall.simulated} ${shortfall.cap}`).reduce((tally, line) => tally.set(line, (tally.get(line) ?? 0) + 1), new Map<string, number>()),
      new Map([['b.yaml 0 workspace', 20], ['c.yaml 0 workspace', 60]]));
    assert.deepEqual(capped(lintFiles(backward).findings), capped(lintFiles(forward).findings));
  });

  it('re-lints a Service whose selector the Pods left out explained, once they no longer do, as a full lint would', () => {
    const statefulSet = (name: string, replicas: number): string => `--- {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: ${name}}, spec: {replicas: ${replicas}, serviceName: ${name}, selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c}]}}}}\n`;
    const session = new LintSession(new ClusterModel());
    session.model.setFile('a.yaml', deployments('a', 99, MAX_PODS_PER_WORKLOAD));
    // the Service selects c.yaml's StatefulSet, whose Pods the budget leaves out (b.yaml's `big` takes the last 1,000)
    session.model.setFile('b.yaml', `${statefulSet('big', 1_000)}--- {apiVersion: v1, kind: Service, metadata: {name: db}, spec: {clusterIP: None, selector: {app: db}, ports: [{port: 80}]}}\n`);
    session.model.setFile('c.yaml', statefulSet('db', 3));
    session.lintAll();
    const selectorFindings = (findings: readonly Finding[]): string[] => findings.filter((finding) => finding.file === 'b.yaml' && finding.ruleId === 'service-selector-matches-nothing').map((finding) => finding.message);
    assert.deepEqual(selectorFindings(session.allFindings()), []);
    // at 0 replicas nothing is left out: the Service has no endpoints, which the full lint says and so must the session
    assert.ok(session.setFile('c.yaml', statefulSet('db', 0)).includes('b.yaml'));
    const full = lintFiles(session.model).findings;
    assert.deepEqual(selectorFindings(full), ['selector app=db matches no Pod in namespace "default", so Service "db" has no endpoints.']);
    assert.deepEqual(selectorFindings(session.allFindings()), selectorFindings(full));
  });

  it('re-lints the files whose Pods another file takes or frees, as a full lint would', () => {
    const session = new LintSession(new ClusterModel());
    session.model.setFile('b.yaml', deployments('b', 60, MAX_PODS_PER_WORKLOAD, 'elsewhere'));
    session.model.setFile('c.yaml', deployments('c', 30, MAX_PODS_PER_WORKLOAD));
    // a Service of a file no change touches, whose endpoints are c's Pods: what it read moves with them
    session.model.setFile('d.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: d}\nspec: {selector: {app: c}, ports: [{port: 80}]}\n');
    session.lintAll();
    assert.deepEqual(capped(session.allFindings()), []);
    assert.deepEqual(ruleIds(session.findings('d.yaml')), []);
    // a.yaml comes first in path order: b keeps 40 workloads' Pods and c loses all of its (d reads nothing of a's and b's namespace)
    const touched = session.setFile('a.yaml', deployments('a', 60, MAX_PODS_PER_WORKLOAD, 'elsewhere'));
    assert.deepEqual(touched.slice().sort(), ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    const full = lintFiles(session.model).findings;
    assert.deepEqual(capped(session.allFindings()), capped(full));
    assert.equal(capped(full).length, 20 + 30);
    assert.deepEqual(ruleIds(session.findings('d.yaml')), ruleIds(full.filter((finding) => finding.file === 'd.yaml')));
    // and removing it gives them back
    assert.deepEqual(session.removeFile('a.yaml').slice().sort(), ['b.yaml', 'c.yaml', 'd.yaml']);
    assert.deepEqual(capped(session.allFindings()), []);
    assert.deepEqual(ruleIds(session.findings('d.yaml')), []);
    assert.equal(session.model.pods().length, 90_000);
  });
});
