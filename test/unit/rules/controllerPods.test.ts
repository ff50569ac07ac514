import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { clusterRecords, resolveFrom } from '../../../server/src/core/dns/index';
import { selectorMatchOf } from '../../../server/src/core/model/selectorMatch';
import { hoverAt } from '../../../server/src/service/hover';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';
import { fixturesRoot } from '../../helpers/paths';

/**
 * Pods as their controllers make them (test/fixtures/controller-pods/README.md). Every finding of
 * every rule must be marked `# expect: <rule-id> "<text>"`, and every mark found, at its line.
 */
const folder = path.join(fixturesRoot, 'controller-pods');
const EXPECT = /# expect: ([a-z0-9-]+) "([^"]*)"/g;

function marks(text: string): string[] {
  return text.split('\n').flatMap((line, index) => [...line.matchAll(EXPECT)].map((match) => `${index + 1}: ${match[1]} ${match[2]}`)).sort();
}

function modelOfFixture(name: string) {
  return modelOf({ [name]: fs.readFileSync(path.join(folder, name), 'utf8') });
}

describe('rules see the Pods the controllers create', () => {
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort();

  it('covers the patterns of issue 12', () => {
    assert.deepEqual(files, [
      'generated-label-values.yaml',
      'indexed-job-headless-service.yaml',
      'indexed-job-index-service.yaml',
      'indexed-job-mistakes.yaml',
      'job-name-service.yaml',
      'statefulset-pod-name-service.yaml',
    ]);
  });

  for (const name of files) {
    it(`${name}: exactly the marked rule ids and ranges`, () => {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const { findings, failures } = lintFiles(modelOf({ [name]: text }));
      assert.deepEqual(failures, []);
      const actual = findings.map((finding) => `${text.slice(0, finding.span.start).split('\n').length}: ${finding.ruleId} ${text.slice(finding.span.start, finding.span.end)}`).sort();
      assert.deepEqual(actual, marks(text));
    });
  }

  it('a near miss on a label the controller adds points at the workload, not at template labels it does not have', () => {
    const { findings } = lintFiles(modelOfFixture('indexed-job-mistakes.yaml'));
    const nearMiss = findings.find((finding) => finding.ruleId === 'service-selector-matches-nothing')!;
    assert.match(nearMiss.message, /did you mean job-name=indexer, the labels of Job "indexer"\?/);
    assert.deepEqual(nearMiss.related.map((related) => related.message), ['Job "indexer" makes Pods labelled job-name=indexer']);
  });

  it('a Service for a Pod the workload never makes says which Pods it does make, not "did you mean" another one', () => {
    const messages = (name: string) => lintFiles(modelOfFixture(name)).findings.filter((finding) => finding.ruleId === 'service-selector-matches-nothing').map((finding) => finding.message);
    assert.deepEqual(messages('statefulset-pod-name-service.yaml'), ['selector statefulset.kubernetes.io/pod-name=web-2 names a Pod that StatefulSet "web" does not run: it makes web-0 to web-1, so Service "web-2" has no endpoints unless the set is scaled up.']);
    assert.deepEqual(messages('indexed-job-index-service.yaml'), ['selector job-name=render,batch.kubernetes.io/job-completion-index=9 names a completion index that Job "render" never runs: its indexes are 0 to 7, so Service "shard-9" has no endpoints.']);
  });

  it('the Indexed Job a rule calls wired is the one records and nslookup publish: <job>-<index>.<service>', () => {
    const model = modelOfFixture('indexed-job-headless-service.yaml');
    const service = model.service('default', 'headless-svc')!;
    const pods = model.podsIn('default');
    // what the rules read: the modelled Pods, their labels and hostnames
    assert.deepEqual(pods.map((pod) => [pod.hostname, pod.hostnameSet, pod.subdomain, pod.labels['job-name'], selectorMatchOf(pod, service.selector!)]), [
      ['example-job-0', true, 'headless-svc', 'example-job', 'selected'],
      ['example-job-1', true, 'headless-svc', 'example-job', 'selected'],
      ['example-job-2', true, 'headless-svc', 'example-job', 'selected'],
    ]);
    // what DNS publishes: the same Pods, as endpoints with those hostnames
    const endpoints = model.backendsOf(service).endpoints;
    assert.deepEqual(endpoints.map((endpoint) => endpoint.pod?.name).sort(), pods.map((pod) => pod.name).sort());
    const names = clusterRecords(model).filter((entry) => entry.type === 'A').map((entry) => entry.name);
    for (const index of [0, 1, 2]) assert.ok(names.includes(`example-job-${index}.headless-svc.default.svc.cluster.local.`));
    const lookup = resolveFrom(model, { pod: pods[0] }, 'example-job-2.headless-svc', 'A');
    assert.equal(lookup.rcode, 'NOERROR');
    assert.deepEqual(lookup.answers.map((answer) => answer.data), [pods[2].ips[0].ip]);
  });

  it('a per-Pod Service selects the StatefulSet Pod whose pod-name it names, in rules and in DNS alike', () => {
    const model = modelOfFixture('statefulset-pod-name-service.yaml');
    const pods = model.podsIn('default');
    for (const serviceName of ['web-0', 'web-leader']) {
      const service = model.service('default', serviceName)!;
      const selectedByRules = pods.filter((pod) => selectorMatchOf(pod, service.selector!) === 'selected').map((pod) => pod.name);
      assert.deepEqual(selectedByRules, ['web-0'], serviceName);
      assert.deepEqual(model.backendsOf(service).endpoints.map((endpoint) => endpoint.pod?.name), ['web-0'], serviceName);
    }
    const lookup = resolveFrom(model, { namespace: 'default' }, 'web-1.nginx', 'A');
    assert.equal(lookup.rcode, 'NOERROR');
  });

  it('a generated value is neither selected nor published: rules stay silent, DNS shows no endpoint and says why', () => {
    const name = 'generated-label-values.yaml';
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    const model = modelOf({ [name]: text });
    for (const serviceName of ['web-canary', 'report-run', 'report-uid']) {
      const service = model.service('default', serviceName)!;
      assert.ok(model.podsIn('default').some((pod) => selectorMatchOf(pod, service.selector!) === 'unknown'), serviceName);
      assert.deepEqual(model.backendsOf(service).endpoints, [], serviceName);
    }
    const hover = hoverAt(model, name, text.indexOf('name: web-canary') + 7);
    assert.match(JSON.stringify(hover?.contents), /No endpoints in the model: the selector names pod-template-hash, a value the controller sets at run time: the Pods of Deployment web may carry it/);
    const lookup = resolveFrom(model, { namespace: 'default' }, 'web-canary', 'A');
    assert.match(lookup.tried[0].answer.why.join('\n'), /the selector names pod-template-hash, a value the controller sets at run time/);
  });
});
