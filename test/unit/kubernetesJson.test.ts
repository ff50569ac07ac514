import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdsKubernetesObjects } from '../../client/src/kubernetesJson';

describe('whether an opened JSON file starts kube-lookup (client/src/kubernetesJson.ts)', () => {
  it('starts on a Kubernetes object and on a List of them', () => {
    assert.equal(holdsKubernetesObjects(JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, null, 2)), true);
    assert.equal(holdsKubernetesObjects(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod' }] })), true);
    assert.equal(holdsKubernetesObjects(`\uFEFF${JSON.stringify({ kind: 'Deployment', apiVersion: 'apps/v1' })}`), true);
  });

  it('does not start on the JSON files of other tools, or on apiVersion and kind below the top level', () => {
    assert.equal(holdsKubernetesObjects(JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { kind: '^1' } })), false);
    assert.equal(holdsKubernetesObjects(JSON.stringify({ compilerOptions: { strict: true } })), false);
    assert.equal(holdsKubernetesObjects(JSON.stringify({ spec: { apiVersion: 'v1', kind: 'Service' } })), false);
    assert.equal(holdsKubernetesObjects(JSON.stringify([{ apiVersion: 'v1', kind: 'Service' }])), false);
    assert.equal(holdsKubernetesObjects(JSON.stringify({ apiVersion: 1, kind: 'Service' })), false);
    // JSON with comments (tsconfig.json), or half typed
    assert.equal(holdsKubernetesObjects('{\n  // apiVersion and kind\n  "apiVersion": "v1", "kind": "Service"\n}'), false);
    assert.equal(holdsKubernetesObjects('{"apiVersion": "v1", "kind": "Serv'), false);
    assert.equal(holdsKubernetesObjects(''), false);
  });
});
