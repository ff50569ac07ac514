import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver/node';
import { LspSession, positionOf, uriOf } from './lspHarness';
import { OneFileSession, rangeText } from './oneFileSession';

/** An application with the objects that name its Service: an Ingress, an HTTPRoute, monitors. */
const APP = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: http-metrics, port: 9090, targetPort: metrics}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: web
        ports:
        - {name: http, containerPort: 8080}
        - {name: metrics, containerPort: 9102}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  defaultBackend:
    service:
      name: web
      port: {number: 80}
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: webb
            port: {name: http}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: gateway
spec:
  rules:
  - backendRefs:
    - name: web
      namespace: shop
      port: 80
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: monitoring
spec:
  namespaceSelector: {matchNames: [shop]}
  selector:
    matchLabels: {app: web}
  endpoints:
  - port: http-metrics
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  podMetricsEndpoints:
  - port: metrics
`;

describe('hover, definition and references on the objects that name a Service', () => {
  let app: OneFileSession;
  before(async () => {
    app = await OneFileSession.start('kube-lookup-references-', APP);
  });
  after(async () => {
    await app.dispose();
  });

  const hover = (needle: string, shift: number, nth = 1) => app.hover(needle, shift, nth);
  const definition = (needle: string, shift: number, nth = 1) => app.definition(needle, shift, nth);

  it('an Ingress backend: the Service it resolves to, and the port', async () => {
    assert.equal(await hover('name: web', 7, 5), ['**Ingress backend** → Service `shop/web` · ClusterIP', '', '`web.shop.svc.cluster.local` · 1 endpoint'].join('\n'));
    assert.equal(await hover('number: 80', 9), ['**Ingress backend** → Service `shop/web` · ClusterIP', '', '`web.shop.svc.cluster.local` · 1 endpoint', '', 'port 80/TCP (`http`) → target port `8080`'].join('\n'));
    assert.equal(await hover('name: webb', 7), '**Ingress backend** → no Service `webb` in namespace `shop`');
    assert.deepEqual(await definition('name: web', 7, 5), ['4:8-4:11']);
    assert.deepEqual(await definition('number: 80', 9), ['10:23-10:25']);
    assert.deepEqual(await definition('name: webb', 7), []);
  });

  it('a route backendRef into another namespace: the Service there', async () => {
    assert.equal(await hover('name: web', 7, 8), ['**HTTPRoute backendRef** → Service `shop/web` · ClusterIP', '', '`web.shop.svc.cluster.local` · 1 endpoint'].join('\n'));
    assert.deepEqual(await definition('name: web', 7, 8), ['4:8-4:11']);
    assert.deepEqual(await definition('port: 80', 6, 2), ['10:23-10:25']);
  });

  it('a ServiceMonitor: the Services its selector matches, the Service port its port names', async () => {
    assert.equal(await hover('port: http-metrics', 7), ['**Port** `http-metrics` → scraped on:', '', '- Service `shop/web` 9090/TCP (`http-metrics`) → target port `metrics`'].join('\n'));
    assert.deepEqual(await definition('port: http-metrics', 7), ['11:11-11:23']);
    assert.equal(await hover('matchLabels: {app: web}', 2, 2), ['**ServiceMonitor selector** matches 1 Service by their labels', '', '- Service `shop/web` · ports `http`, `http-metrics`'].join('\n'));
  });

  it('a PodMonitor port: the container port of that name', async () => {
    assert.equal(await hover('port: metrics', 7), ['**Port** `metrics` → container port:', '', '- 9102 of Deployment `shop/web`'].join('\n'));
    assert.deepEqual(await definition('port: metrics', 7), ['29:17-29:24']);
  });

  it('find references from the Service lists the Ingress, the route and the ServiceMonitor', async () => {
    const references = await app.session.request<Location[]>('textDocument/references', { ...app.at('name: web', 7), context: { includeDeclaration: false } });
    assert.deepEqual(references.map(rangeText), [
      '22:14-22:24', // the Deployment's Pod labels, selected
      '39:12-39:15', // the Ingress's default backend
      '59:12-59:15', // the HTTPRoute's backendRef
      '71:4-71:27', // the ServiceMonitor's selector
    ]);
  });
});

describe('diagnostics of the objects that name a Service follow edits of the Service in another file', () => {
  const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  ports:\n  - {name: http-metrics, port: 9090}\n';
  const CONSUMERS = [
    'apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata:', '  name: web', 'spec:', '  selector:', '    matchLabels: {app: web}', '  endpoints:', '  - port: http-metrics',
    '---',
    'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: web', 'spec:', '  defaultBackend:', '    service: {name: web, port: {number: 9090}}', '',
  ].join('\n');

  it('renaming the Service port lights up the ServiceMonitor; renaming the Service, the Ingress', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-references-'));
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    fs.writeFileSync(path.join(folder, 'consumers.yaml'), CONSUMERS);
    const session = await LspSession.start([folder]);
    const service = uriOf(path.join(folder, 'service.yaml'));
    const consumers = uriOf(path.join(folder, 'consumers.yaml'));
    try {
      await session.open(service, SERVICE);
      assert.deepEqual(session.codes(consumers), []);
      const port = positionOf(SERVICE, 'http-metrics');
      await session.edit(service, { start: port, end: { line: port.line, character: port.character + 'http-metrics'.length } }, 'metrics');
      await session.until(() => session.codes(consumers).length === 1);
      assert.deepEqual(session.codes(consumers), ['servicemonitor-port-not-found@8:10']);
      await session.edit(service, { start: port, end: { line: port.line, character: port.character + 'metrics'.length } }, 'http-metrics');
      await session.until(() => session.codes(consumers).length === 0);
      const name = positionOf(SERVICE, 'name: web', 6);
      await session.edit(service, { start: name, end: { line: name.line, character: name.character + 3 } }, 'webs');
      await session.until(() => session.codes(consumers).includes('ingress-backend-service-not-found@16:20'));
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
