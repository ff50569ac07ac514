import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Location } from 'vscode-languageserver/node';
import { OneFileSession, rangeText } from './oneFileSession';

/** An application whose Ingress names an IngressClass, whose route attaches to a Gateway listener, whose Pods read a ConfigMap and a Secret, with a GKE PodMonitoring and a CRD converted by its Service. */
const APP = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: nginx
  defaultBackend:
    service: {name: shop, port: {number: 80}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: infra
spec:
  gatewayClassName: example
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes: {namespaces: {from: All}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: shop
spec:
  parentRefs:
  - {name: web, namespace: infra, sectionName: http}
  rules:
  - backendRefs: [{name: shop, port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
  namespace: shop
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
stringData: {password: example}
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: shop
spec:
  selector: {app: shop}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: shop
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
      - name: shop
        image: shop
        ports: [{name: metrics, containerPort: 9090}]
        envFrom: [{configMapRef: {name: shop-config}}]
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
---
apiVersion: monitoring.googleapis.com/v1
kind: PodMonitoring
metadata:
  name: shop
  namespace: shop
spec:
  selector:
    matchLabels: {app: shop}
  endpoints:
  - port: metrics
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: carts.example.com
spec:
  group: example.com
  names: {kind: Cart, plural: carts}
  scope: Namespaced
  versions:
  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
  conversion:
    strategy: Webhook
    webhook:
      conversionReviewVersions: [v1]
      clientConfig:
        service: {name: shop, namespace: shop, port: 80, path: /convert}
`;

describe('hover, definition, references and CodeLens of IngressClass, Gateway, ConfigMap, Secret, PodMonitoring and CRD conversion references', () => {
  let app: OneFileSession;
  before(async () => {
    app = await OneFileSession.start('kube-lookup-object-references-', APP);
  });
  after(async () => {
    await app.dispose();
  });

  const references = async (needle: string, shift: number, nth = 1): Promise<string[]> =>
    (await app.session.request<Location[]>('textDocument/references', { ...app.at(needle, shift, nth), context: { includeDeclaration: false } })).map(rangeText);

  it('an ingressClassName: the IngressClass, cluster-scoped, and back', async () => {
    assert.equal(await app.hover('ingressClassName: nginx', 19), '**ingressClassName** → IngressClass `nginx`');
    assert.deepEqual(await app.definition('ingressClassName: nginx', 19), ['4:8-4:13']);
    assert.deepEqual(await references('name: nginx', 7), ['14:20-14:25']);
    assert.deepEqual(await references('ingressClassName: nginx', 19), ['14:20-14:25']);
  });

  it('a route parentRef: the Gateway by its name, the listener by its sectionName', async () => {
    assert.equal(await app.hover('{name: web, namespace: infra', 8), '**HTTPRoute parentRef** → Gateway `infra/web`');
    assert.deepEqual(await app.definition('{name: web, namespace: infra', 8), ['21:8-21:11']);
    assert.equal(await app.hover('sectionName: http', 14), ['**HTTPRoute parentRef** → Gateway `infra/web`, listener:', '', '- `http` · port 80 · routes from every namespace'].join('\n'));
    assert.deepEqual(await app.definition('sectionName: http', 14), ['26:10-26:14']);
    assert.deepEqual(await references('name: web', 7), ['38:11-38:14']);
  });

  it('a ConfigMap and a Secret a Pod template reads: the object, and back from it', async () => {
    assert.equal(await app.hover('configMapRef: {name: shop-config}', 22), '**configMapRef** → ConfigMap `shop/shop-config`');
    assert.deepEqual(await app.definition('configMapRef: {name: shop-config}', 22), ['45:8-45:19']);
    assert.deepEqual(await references('name: shop-config', 7), ['80:40-80:51']);
    assert.equal(await app.hover('secretKeyRef: {name: db', 21), '**secretKeyRef** → Secret `shop/db`');
    assert.deepEqual(await app.definition('secretKeyRef: {name: db', 21), ['53:8-53:10']);
    assert.deepEqual(await references('secretKeyRef: {name: db', 21), ['84:33-84:35']);
  });

  it('a GKE PodMonitoring: its selector matches the Pods, its port is their container port', async () => {
    assert.equal(await app.hover('matchLabels: {app: shop}', 15, 2), ['**PodMonitoring spec.selector** matches 1 Pod in namespace `shop`', '', '- Deployment `shop`'].join('\n'));
    assert.equal(await app.hover('port: metrics', 8), ['**Port** `metrics` → container port:', '', '- 9090 of Deployment `shop/shop`'].join('\n'));
    assert.deepEqual(await app.definition('port: metrics', 8), ['79:23-79:30']);
  });

  it('a CRD conversion webhook: the Service and its port, and find references from the Service lists it', async () => {
    assert.match((await app.hover('service: {name: shop, namespace: shop, port: 80', 16)) ?? '', /^\*\*conversion webhook clientConfig\.service\*\* → Service `shop\/shop` · ClusterIP/);
    assert.deepEqual(await app.definition('service: {name: shop, namespace: shop, port: 80', 16), ['60:8-60:12']);
    assert.ok((await references('name: shop', 7, 4)).includes('112:24-112:28'));
  });

  it('CodeLens: how many fields name each IngressClass, Gateway, ConfigMap and Secret', async () => {
    const lenses = await app.session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: app.uri } });
    const titles = lenses.map((lens) => `${lens.range.start.line + 1}: ${lens.command?.title}`);
    for (const expected of ['4: 1 reference · Ingress', '21: 1 reference · HTTPRoute', '45: 1 reference · Deployment', '53: 1 reference · Deployment']) assert.ok(titles.includes(expected), titles.join(' | '));
  });
});
