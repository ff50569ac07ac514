import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixOnce } from '../../helpers/fixes';
import { lines } from '../../helpers/modelFrom';

const deployment = (labels: string): string => lines(
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: frontend}', 'spec:', `  selector: {matchLabels: ${labels}}`,
  '  template:', `    metadata: {labels: ${labels}}`, '    spec: {containers: [{name: web, image: nginx}]}',
);

describe('quick fix of a selector a typo away from the Pods it was meant for', () => {
  it("sets a Service's mistyped selector value to the Pods' label", () => {
    const service = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector:', '    app: frontnd', '    tier: web', '  ports: [{port: 80}]');
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'app.yaml': deployment('{app: frontend, tier: web}') }, 'service-selector-matches-nothing');
    assert.equal(fix.title, 'Change the selector to app=frontend,tier=web');
    assert.equal(fixed['svc.yaml'], service.replace('app: frontnd', 'app: frontend'));
  });

  it('replaces every value that differs, keeping the quotes each was written in', () => {
    const service = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector: {app: "frontnd", tier: \'wbe\'}');
    const { fixed } = fixOnce({ 'svc.yaml': service, 'app.yaml': deployment('{app: frontend, tier: web}') }, 'service-selector-matches-nothing');
    assert.equal(fixed['svc.yaml'], service.replace('"frontnd"', '"frontend"').replace("'wbe'", "'web'"));
  });

  it('quotes a value YAML would read as a number', () => {
    const service = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector: {app: web, version: "1.3"}');
    const { fixed } = fixOnce({ 'svc.yaml': service, 'app.yaml': deployment('{app: web, version: "1.2"}') }, 'service-selector-matches-nothing');
    assert.match(fixed['svc.yaml'], /version: "1\.2"/);
    const plain = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector: {app: web, version: v13}');
    assert.match(fixOnce({ 'svc.yaml': plain, 'app.yaml': deployment('{app: web, version: "12"}') }, 'service-selector-matches-nothing').fixed['svc.yaml'], /version: "12"\}/);
  });

  it('fixes a JSON Service with a JSON string', () => {
    const service = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'frontnd' } } }, null, 2);
    const { fixed } = fixOnce({ 'svc.json': service, 'app.yaml': deployment('{app: frontend}') }, 'service-selector-matches-nothing');
    assert.deepEqual(JSON.parse(fixed['svc.json']).spec.selector, { app: 'frontend' });
  });

  it("sets a NetworkPolicy's and a PodDisruptionBudget's matchLabels", () => {
    const policy = lines('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: web}', 'spec:', '  podSelector:', '    matchLabels:', '      app: frontnd', '  policyTypes: [Ingress]');
    assert.equal(fixOnce({ 'policy.yaml': policy, 'app.yaml': deployment('{app: frontend}') }, 'network-policy-selector-matches-nothing').fixed['policy.yaml'], policy.replace('frontnd', 'frontend'));
    const budget = lines('apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: {name: web}', 'spec:', '  minAvailable: 1', '  selector: {matchLabels: {app: frontnd}}');
    assert.equal(fixOnce({ 'pdb.yaml': budget, 'app.yaml': deployment('{app: frontend}') }, 'pdb-selector-matches-nothing').fixed['pdb.yaml'], budget.replace('frontnd', 'frontend'));
  });
});
