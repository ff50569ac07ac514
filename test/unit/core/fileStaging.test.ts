import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel, readManifestFile } from '../../../server/src/core/model/clusterModel';
import { LintSession } from '../../../server/src/core/rules/lintSession';
import { defaultSettings } from '../../../server/src/core/settings';

/** Everything the model derives, in order, with the allocated addresses and endpoints. */
function derived(model: ClusterModel): unknown {
  return {
    objects: [...model.objects()].map((object) => object.id),
    services: model.services().map((service) => [service.namespace, service.name, service.clusterIPs]),
    pods: model.pods().map((pod) => [pod.namespace, pod.name, pod.ips, pod.labels]),
    inA: model.podsIn('a').map((pod) => pod.name),
    selected: model.podsSelectedBy('a', { app: 'web-3' }).map((pod) => pod.name),
    kinds: ['Service', 'StatefulSet', 'Deployment', 'Endpoints'].map((kind) => model.objectsOfKind(kind).length),
    namespaces: model.namespaces(),
    backends: model.services().map((service) => model.backendsOf(service).endpoints.map((endpoint) => [endpoint.ip, endpoint.ready])),
    shortfalls: model.podShortfalls().map((shortfall) => [shortfall.owner.name, shortfall.simulated]),
    size: model.size(),
  };
}

/** `count` workloads with a Service each, over two namespaces; `replicas` each; Endpoints for the last. */
function workloads(prefix: string, count: number, replicas: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const namespace = i % 2 === 0 ? 'a' : 'b';
    text += `apiVersion: apps/v1\nkind: ${i % 3 === 0 ? 'StatefulSet' : 'Deployment'}\nmetadata: {name: ${prefix}-${i}, namespace: ${namespace}}\n`
      + `spec: {replicas: ${replicas}, serviceName: ${prefix}-${i}, selector: {matchLabels: {app: ${prefix}-${i}}}, template: {metadata: {labels: {app: ${prefix}-${i}}}, spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}}}\n---\n`
      + `apiVersion: v1\nkind: Service\nmetadata: {name: ${prefix}-${i}, namespace: ${namespace}}\nspec: {clusterIP: None, selector: {app: ${prefix}-${i}}, ports: [{port: 80}]}\n---\n`;
  }
  return text + `apiVersion: v1\nkind: Endpoints\nmetadata: {name: ${prefix}-extra, namespace: a}\nsubsets: [{addresses: [{ip: 10.244.0.2}]}]\n`;
}

const entry = (file: string, text: string) => readManifestFile(file, text, defaultSettings);

describe('ClusterModel.stageFile: a file taken in a slice at a time', () => {
  it('ends in the same model as the file set at once, replacing a previous version too, one object per step', () => {
    const other = workloads('other', 5, 2);
    for (const [before, after] of [[undefined, workloads('web', 12, 3)], [workloads('web', 12, 3), workloads('web', 9, 2)]] as const) {
      const atOnce = new ClusterModel();
      atOnce.setFile('other.yaml', other);
      if (before) atOnce.setFile('web.yaml', before);
      atOnce.setFile('web.yaml', after);
      const sliced = new ClusterModel();
      sliced.setFile('other.yaml', other);
      if (before) sliced.setFile('web.yaml', before);
      const staging = sliced.stageFile(entry('web.yaml', after));
      let steps = 0;
      while (!staging.step(() => true)) steps += 1;
      assert.ok(steps >= 20, `${steps} steps`);
      assert.deepEqual(derived(sliced), derived(atOnce));
    }
  });

  it('answers between steps as if the file held the objects in so far, never a broken index', () => {
    const model = new ClusterModel();
    model.setFile('web.yaml', workloads('web', 6, 2));
    const next = entry('web.yaml', workloads('web', 4, 1));
    const staging = model.stageFile(next);
    const seen = new Set<number>();
    for (;;) {
      const done = staging.step(() => true);
      const objects = [...model.objects()];
      seen.add(objects.length);
      // what each index holds agrees with the objects in
      assert.equal(model.services().length, objects.filter((object) => object.kind === 'Service').length);
      assert.equal(model.objectsOfKind('Service').length, model.services().length);
      const owners = new Set(model.pods().map((pod) => pod.template.owner));
      for (const owner of owners) assert.ok(objects.includes(owner));
      for (const service of model.services()) model.backendsOf(service);
      if (done) break;
    }
    // the old version left object by object, then the new one came in
    assert.ok(seen.has(0) && seen.has(13) && seen.has(9), [...seen].join(','));
    assert.equal(model.file('web.yaml'), next);
  });

  it('is finished before any other change to the model', () => {
    const model = new ClusterModel();
    const staging = model.stageFile(entry('web.yaml', workloads('web', 6, 2)));
    staging.step(() => true);
    model.setFile('other.yaml', workloads('other', 1, 1));
    assert.equal(staging.step(() => true), true);
    const atOnce = new ClusterModel();
    atOnce.setFile('web.yaml', workloads('web', 6, 2));
    atOnce.setFile('other.yaml', workloads('other', 1, 1));
    assert.deepEqual(derived(model), derived(atOnce));
  });

  it('gives each file its Pod budget as at once when a file asks for more than the workspace holds', () => {
    const big = workloads('big', 150, 1000);
    const atOnce = new ClusterModel();
    atOnce.setFile('a.yaml', workloads('a', 3, 5));
    atOnce.setFile('z.yaml', big);
    const sliced = new ClusterModel();
    sliced.setFile('a.yaml', workloads('a', 3, 5));
    const staging = sliced.stageFile(entry('z.yaml', big));
    let steps = 0;
    while (!staging.step(() => (steps += 1) % 7 === 0));
    assert.deepEqual(derived(sliced), derived(atOnce));
    assert.ok(sliced.podShortfalls().length > 0);
  });
});

describe('LintSession.stageParsedFile', () => {
  it('makes stale the same files as changeParsedFile, and lints to the same findings', () => {
    const build = (): LintSession => {
      const session = new LintSession(new ClusterModel());
      session.setFile('pods.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {subdomain: web-1, containers: [{name: c}]}\n');
      session.setFile('unrelated.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: z}\n');
      session.setFile('web.yaml', workloads('web', 4, 1));
      session.lintAll();
      return session;
    };
    const atOnce = build();
    const sliced = build();
    const next = workloads('web', 2, 1);
    const stale = atOnce.changeParsedFile(entry('web.yaml', next));
    const staging = sliced.stageParsedFile(entry('web.yaml', next));
    while (!staging.step(() => true));
    assert.deepEqual(staging.stale(), stale);
    assert.ok(stale.includes('pods.yaml') && !stale.includes('unrelated.yaml'), stale.join(' '));
    atOnce.lint(stale);
    sliced.lint(stale);
    for (const file of ['pods.yaml', 'web.yaml']) assert.deepEqual(sliced.findings(file), atOnce.findings(file));
  });
});
