import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildServiceMap } from '../../../server/src/core/map/buildServiceMap';
import { isBroken } from '../../../server/src/core/map/serviceMap';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { lines, modelOf, modelOfFolder } from '../../helpers/modelFrom';
import { repoRoot } from '../../helpers/paths';

const shop = {
  'shop.yaml': lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web, namespace: shop, labels: {team: shop}}',
    'spec:',
    '  selector: {app: web}',
    '  ports: [{name: http, port: 80, targetPort: http}, {name: admin, port: 9000, targetPort: admin}]',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        ports: [{name: http, containerPort: 8080}]',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: {name: front, namespace: shop}',
    'spec:',
    '  rules:',
    '  - host: shop.example.com',
    '    http:',
    '      paths:',
    '      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}',
    '      - {path: /api, pathType: Prefix, backend: {service: {name: wbe, port: {number: 80}}}}',
    '---',
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  rules:',
    '  - backendRefs: [{name: web, port: 81}]',
    '---',
    'apiVersion: monitoring.coreos.com/v1',
    'kind: ServiceMonitor',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {team: shop}}',
    '  endpoints: [{port: http}]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: github, namespace: other}',
    'spec: {type: ExternalName, externalName: github.github.io}',
  ),
};

/** A caller, two Services behind NetworkPolicies, an autoscaler and a disruption budget. */
const guarded = {
  'guarded.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: frontend, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {app: frontend}}',
    '  template:',
    '    metadata: {labels: {app: frontend}}',
    '    spec:',
    '      containers:',
    '      - name: frontend',
    '        env:',
    '        - {name: CART_URL, value: "http://cart:80/"}',
    '        - {name: DB_ADDR, value: "db:5432"}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: cart, namespace: shop}',
    'spec: {selector: {app: cart}, ports: [{port: 80, targetPort: 8080}]}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: cart, namespace: shop}',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: cart}}',
    '  template:',
    '    metadata: {labels: {app: cart}}',
    '    spec: {containers: [{name: cart, ports: [{containerPort: 8080}]}]}',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: cart-from-checkout, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: cart}}',
    '  ingress: [{from: [{podSelector: {matchLabels: {app: checkout}}}], ports: [{port: 8080}]}]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: db, namespace: shop}',
    'spec: {selector: {app: db}, ports: [{port: 5432}]}',
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata: {name: db, namespace: shop}',
    'spec:',
    '  serviceName: db',
    '  selector: {matchLabels: {app: db}}',
    '  template:',
    '    metadata: {labels: {app: db}}',
    '    spec: {containers: [{name: db, ports: [{containerPort: 5432}]}]}',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: db-metrics-only, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: db}}',
    '  ingress: [{ports: [{port: 9187}]}]',
    '---',
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata: {name: cart, namespace: shop}',
    'spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}, minReplicas: 2, maxReplicas: 6}',
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata: {name: cart, namespace: shop}',
    'spec: {minAvailable: 1, selector: {matchLabels: {app: cart}}}',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: checkout-config, namespace: shop}',
    'data: {CART_ADDR: "cart:80", NOTES: "see http://wiki:80/"}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: checkout, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {app: checkout}}',
    '  template:',
    '    metadata: {labels: {app: checkout}}',
    '    spec:',
    '      containers:',
    '      - name: checkout',
    '        env: [{name: CART_ADDR, valueFrom: {configMapKeyRef: {name: checkout-config, key: CART_ADDR}}}]',
  ),
};

function mapOf(files: Record<string, string>, namespace?: string) {
  const model = modelOf(files);
  return buildServiceMap(model, { namespace, findings: lintFiles(model, undefined, { fixes: false }).findings });
}

describe('buildServiceMap', () => {
  it('draws routes and monitors → Services → workloads → container ports, with ports resolved per edge', () => {
    const map = mapOf(shop);
    assert.deepEqual(map.nodes.map((node) => node.id), [
      'monitor:ServiceMonitor/shop/web',
      'route:HTTPRoute/shop/web',
      'route:Ingress/shop/front',
      'missing:shop/wbe',
      'service:other/github',
      'service:shop/web',
      'external:github.github.io',
      'workload:Deployment/shop/web',
      'workload:Deployment/shop/web/port:http#0',
    ]);
    const edge = (from: string, to: string) => map.edges.find((candidate) => candidate.from === from && candidate.to === to)!;
    assert.equal(edge('route:Ingress/shop/front', 'service:shop/web').label, 'http');
    assert.equal(edge('service:shop/web', 'workload:Deployment/shop/web').label, 'http 80 → 8080, admin 9000 → admin ✗');
    assert.equal(edge('service:other/github', 'external:github.github.io').kind, 'aliases');
    assert.equal(edge('monitor:ServiceMonitor/shop/web', 'service:shop/web').kind, 'scrapes');
    assert.deepEqual(map.nodes.find((node) => node.kind === 'workload')!.details, ['2/2 ready']);
    assert.deepEqual(map.nodes.find((node) => node.id === 'route:Ingress/shop/front')!.details, ['shop.example.com']);
  });

  it('puts each wiring finding on the edge it concerns, with its message', () => {
    const map = mapOf(shop);
    const broken = map.edges.filter(isBroken).map((edge) => [edge.id, edge.findings.map((finding) => finding.ruleId)]);
    assert.deepEqual(broken, [
      ['route:HTTPRoute/shop/web->service:shop/web', ['route-backend-port-not-found']],
      ['route:Ingress/shop/front->missing:shop/wbe', ['ingress-backend-service-not-found']],
      ['service:shop/web->workload:Deployment/shop/web', ['service-target-port-not-found']],
    ]);
    const missing = map.edges.find((edge) => edge.to === 'missing:shop/wbe')!;
    assert.match(missing.findings[0].message, /did you mean "web"/);
    // the Ingress's good backend and the Ingress itself stay clean
    assert.equal(map.edges.find((edge) => edge.id === 'route:Ingress/shop/front->service:shop/web')!.findings.length, 0);
    assert.equal(map.nodes.find((node) => node.id === 'route:Ingress/shop/front')!.findings.length, 0);
  });

  it('draws what workloads are configured to call, autoscalers and budgets, and dashes what NetworkPolicy denies', () => {
    const map = mapOf(guarded);
    const edge = (id: string) => map.edges.find((candidate) => candidate.id === id)!;
    const cartCall = edge('workload:Deployment/shop/frontend->service:shop/cart#calls');
    assert.equal(cartCall.kind, 'calls');
    assert.equal(cartCall.label, 'cart:80');
    assert.match(cartCall.denied ?? '', /NetworkPolicy shop\/cart-from-checkout selects shop\/cart-\S+ for Ingress and no rule allows 8080\/TCP from shop\/frontend-/);
    // the db port is closed to every client, not only to the frontend: the Service's own edge is dashed too
    assert.match(edge('service:shop/db->workload:StatefulSet/shop/db').denied ?? '', /^NetworkPolicy shop\/db-metrics-only selects these Pods for Ingress and no rule allows 5432\/TCP from anywhere$/);
    assert.ok(edge('workload:Deployment/shop/frontend->service:shop/db#calls').denied);
    // a ConfigMap key the checkout workload reads by name: a call, which cart's policy admits
    const throughConfigMap = edge('workload:Deployment/shop/checkout->service:shop/cart#calls');
    assert.equal(throughConfigMap.label, 'cart:80');
    assert.equal(throughConfigMap.denied, undefined);
    // cart admits checkout on 8080: open for some, so the Service's edge is not dashed
    assert.equal(edge('service:shop/cart->workload:Deployment/shop/cart').denied, undefined);
    assert.equal(edge('autoscaler:HorizontalPodAutoscaler/shop/cart->workload:Deployment/shop/cart').kind, 'scales');
    assert.equal(edge('budget:PodDisruptionBudget/shop/cart->workload:Deployment/shop/cart').kind, 'guards');
    assert.deepEqual(map.nodes.find((node) => node.kind === 'autoscaler')!.details, ['2–6 replicas']);
    assert.deepEqual(map.nodes.find((node) => node.kind === 'budget')!.details, ['minAvailable 1']);
    // no policy, no dash: the same manifests without NetworkPolicies
    const open = mapOf({ 'guarded.yaml': guarded['guarded.yaml'].split('---\n').filter((document) => !document.includes('kind: NetworkPolicy')).join('---\n') });
    assert.ok(open.edges.every((candidate) => candidate.denied === undefined));
    assert.equal(open.edges.filter((candidate) => candidate.kind === 'calls').length, 3);
  });

  it('draws an autoscaler whose target is one letter off with a red link to the workload it meant', () => {
    const map = mapOf({ 'guarded.yaml': guarded['guarded.yaml'].replace('kind: Deployment, name: cart}', 'kind: Deployment, name: crat}') });
    const autoscaler = map.nodes.find((node) => node.kind === 'autoscaler')!;
    const links = map.edges.filter((candidate) => candidate.from === autoscaler.id);
    assert.deepEqual(links.map((link) => [link.kind, link.to, link.findings.map((finding) => finding.ruleId)]), [['intended', 'workload:Deployment/shop/cart', ['scale-target-not-found']]]);
    assert.ok(links.every(isBroken));
  });

  it('keeps a namespace and what crosses into it', () => {
    const map = mapOf(shop, 'other');
    assert.deepEqual(map.nodes.map((node) => node.id), ['service:other/github', 'external:github.github.io']);
    assert.equal(map.namespace, 'other');
    assert.ok(map.namespaces.includes('shop'));
  });

  it('draws the link a finding says was meant, in red, on the broken examples', () => {
    const model = modelOfFolder(path.join(repoRoot, 'examples', 'broken'));
    const map = buildServiceMap(model, { findings: lintFiles(model, undefined, { fixes: false }).findings });
    const intended = map.edges.filter((edge) => edge.kind === 'intended').map((edge) => edge.id);
    assert.deepEqual(intended, [
      'service:default/frontend->workload:Deployment/default/frontend#intended',
      'service:shop/cart->workload:Deployment/default/cart#intended',
      'workload:Pod/default/peer-0->service:default/peers#intended',
    ]);
    assert.ok(map.edges.filter((edge) => edge.kind === 'intended').every(isBroken));
    // an Endpoints object is no node: its finding is kept beside the graph
    assert.deepEqual(map.findings.map((finding) => finding.ruleId), ['endpoints-without-service']);
  });

  it('lists the per-Pod DNS names of a headless Service, and gives the same map twice', () => {
    const model = modelOfFolder(path.join(repoRoot, 'examples', 'seeds'));
    const first = buildServiceMap(model, { findings: lintFiles(model).findings });
    const headless = first.nodes.find((node) => node.id === 'service:default/headless1')!;
    assert.deepEqual(headless.details.filter((detail) => detail.includes('.svc.')), ['pod-a.headless1.default.svc.cluster.local', 'pod-b.headless1.default.svc.cluster.local']);
    assert.equal(first.edges.filter(isBroken).length, 0);
    assert.deepEqual(JSON.stringify(buildServiceMap(modelOfFolder(path.join(repoRoot, 'examples', 'seeds')), { findings: lintFiles(model).findings })), JSON.stringify(first));
  });
});
