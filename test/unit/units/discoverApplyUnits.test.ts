import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverApplyUnits } from '../../../server/src/core/units/discoverApplyUnits';
import { readKustomization } from '../../../server/src/core/units/kustomization';
import { normalizePath } from '../../../server/src/core/units/workspacePath';

function discover(texts: Record<string, string>, configured = [] as Parameters<typeof discoverApplyUnits>[0]['configured']) {
  return discoverApplyUnits({ files: Object.keys(texts), textOf: (file) => texts[file], base: '.', clustersBase: '.', configured }).map((unit) => ({ name: unit.name, kind: unit.kind, files: unit.files, support: unit.support, remote: unit.remote }));
}

describe('apply-unit discovery', () => {
  it('makes one unit per Kustomize root, a base shared by two overlays in both, patches as support files', () => {
    const units = discover({
      'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]',
      'base/deployment.yaml': '',
      'base/service.yaml': '',
      'base/unused.yaml': '',
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n- path: replicas.yaml\n- patch: |-\n    inline\npatchesStrategicMerge: [svc.yaml]',
      'overlays/prod/replicas.yaml': '',
      'overlays/prod/svc.yaml': '',
      'overlays/dev/kustomization.yml': 'bases: [../../base]\nresources: [https://example.com/x.yaml, extra.yaml]\nconfigMapGenerator:\n- name: c\n  files: [config=app.yaml]',
      'overlays/dev/extra.yaml': '',
      'overlays/dev/app.yaml': '',
      'deploy/all-in-one.yaml': '',
    });
    assert.deepEqual(units, [
      { name: 'overlays/dev', kind: 'kustomize', files: ['base/deployment.yaml', 'base/service.yaml', 'overlays/dev/extra.yaml'], support: ['base/kustomization.yaml', 'overlays/dev/app.yaml', 'overlays/dev/kustomization.yml'], remote: ['https://example.com/x.yaml'] },
      { name: 'overlays/prod', kind: 'kustomize', files: ['base/deployment.yaml', 'base/service.yaml'], support: ['base/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/replicas.yaml', 'overlays/prod/svc.yaml'], remote: [] },
      { name: 'plain', kind: 'plain', files: ['base/unused.yaml', 'deploy/all-in-one.yaml'], support: [], remote: [] },
    ]);
  });

  it('keeps a Helm chart apart from a plain install beside it, nested charts apart from their parent', () => {
    const units = discover({
      'charts/agent/Chart.yaml': '',
      'charts/agent/templates/service.yaml': '',
      'charts/agent/charts/redis/Chart.yaml': '',
      'charts/agent/charts/redis/templates/svc.yaml': '',
      'install/all-in-one.yaml': '',
    });
    assert.deepEqual(units.map((unit) => [unit.name, unit.kind, unit.files]), [
      ['charts/agent', 'helm', ['charts/agent/Chart.yaml', 'charts/agent/templates/service.yaml']],
      ['charts/agent/charts/redis', 'helm', ['charts/agent/charts/redis/Chart.yaml', 'charts/agent/charts/redis/templates/svc.yaml']],
      ['plain', 'plain', ['install/all-in-one.yaml']],
    ]);
  });

  it('lets clusters: entries claim their files before discovery', () => {
    const units = discover(
      { 'a/one.yaml': '', 'a/two.yaml': '', 'b/kustomization.yaml': 'resources: [x.yaml]', 'b/x.yaml': '', 'c.yaml': '' },
      [{ name: 'staging', include: ['a/**', 'b/x.yaml'], exclude: ['a/two.yaml'], settings: { clusterDomain: 'staging.local' } }],
    );
    assert.deepEqual(units.map((unit) => [unit.name, unit.kind, unit.files]), [
      ['staging', 'configured', ['a/one.yaml', 'b/x.yaml']],
      ['b', 'kustomize', []],
      ['plain', 'plain', ['a/two.yaml', 'c.yaml']],
    ]);
  });

  it('gives kustomizations that only list each other a unit each, and survives a broken kustomization', () => {
    const units = discover({ 'a/kustomization.yaml': 'resources: [../b]', 'b/kustomization.yaml': 'resources: [../a, x.yaml]', 'b/x.yaml': '', 'c/kustomization.yaml': 'resources: [: broken' });
    assert.deepEqual(units.map((unit) => [unit.name, unit.files]), [['c', []], ['a', ['b/x.yaml']]]);
  });

  it('builds no unit from a Component nothing includes; its patches stay out of plain', () => {
    const units = discover({
      'components/tls/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- path: tls-patch.yaml',
      'components/tls/tls-patch.yaml': '',
      'app.yaml': '',
    });
    assert.deepEqual(units.map((unit) => [unit.name, unit.files]), [['plain', ['app.yaml']]]);
  });

  it('reads every kind of reference Kustomize follows', () => {
    const references = readKustomization('k/kustomization.yaml', {
      resources: ['svc.yaml', '../base', 'github.com/org/repo//deploy?ref=v1', 'https://raw.example/x.yaml'],
      components: ['../components/tls'],
      patchesJson6902: [{ target: {}, path: 'json-patch.yaml' }],
      transformers: ['labels.yaml'],
      replacements: [{ path: 'replace.yaml' }],
      openapi: { path: 'schema.json' },
      crds: ['crd.yaml'],
    });
    assert.deepEqual(references.resources, ['k/svc.yaml', 'base', 'components/tls']);
    assert.deepEqual(references.remote, ['github.com/org/repo//deploy?ref=v1', 'https://raw.example/x.yaml']);
    assert.deepEqual(references.support, ['k/json-patch.yaml', 'k/replace.yaml', 'k/labels.yaml', 'k/crd.yaml', 'k/schema.json']);
  });

  it('normalizes paths without the platform path module', () => {
    assert.equal(normalizePath('a/./b/../c//d.yaml'), 'a/c/d.yaml');
    assert.equal(normalizePath('../x/../y'), '../y');
    assert.equal(normalizePath('/abs/../z'), '/z');
    assert.equal(normalizePath('a\\b'), 'a/b');
    assert.equal(normalizePath('./'), '.');
  });
});
