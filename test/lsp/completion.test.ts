import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver/node';
import { LspSession, uriOf } from './lspHarness';

const CLUSTER = `apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: pg
      port: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
    - name: admin
      port: 9000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: elsewhere
spec:
  clusterIP: None
`;

describe('completion over LSP', () => {
  let folder: string;
  let session: LspSession;
  let count = 0;

  /** Opens a new file holding `text` and asks for completion at its end (or at `|`). */
  async function complete(text: string): Promise<CompletionItem[]> {
    const at = text.indexOf('|') >= 0 ? text.indexOf('|') : text.length;
    const body = text.replace('|', '');
    const uri = uriOf(path.join(folder, `typing-${++count}.yaml`));
    await session.open(uri, body);
    const before = body.slice(0, at);
    const position = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
    const result = await session.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    // emptied before it is closed: its objects leave the model before the next request, not when the close reads the disk
    await session.edit(uri, { start: { line: 0, character: 0 }, end: { line: body.split('\n').length, character: 0 } }, '');
    await session.close(uri);
    return Array.isArray(result) ? result : (result?.items ?? []);
  }
  const labels = (items: CompletionItem[]): string[] => items.map((item) => item.label);

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-completion-'));
    fs.writeFileSync(path.join(folder, 'cluster.yaml'), CLUSTER);
    session = await LspSession.start([folder]);
  });
  after(async () => {
    await session.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('offers the namespace\'s headless Services to a Pod subdomain, saying what they are', async () => {
    const items = await complete('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  subdomain: ');
    assert.deepEqual(labels(items), ['db']);
    assert.equal(items[0].detail, 'Service shop/db (headless)');
    assert.match((items[0].documentation as MarkupContent).value, /Pods get <hostname>\.db\.shop\.svc names/);
    assert.deepEqual(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined, { start: { line: 6, character: 13 }, end: { line: 6, character: 13 } });
  });

  it('offers headless Services to a StatefulSet serviceName, replacing what is typed', async () => {
    const items = await complete('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n  namespace: shop\nspec:\n  serviceName: d');
    assert.deepEqual(labels(items), ['db']);
    assert.deepEqual(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined, { start: { line: 6, character: 15 }, end: { line: 6, character: 16 } });
  });

  it('offers Services to an Endpoints name and an EndpointSlice service-name label', async () => {
    assert.deepEqual(labels(await complete('apiVersion: v1\nkind: Endpoints\nmetadata:\n  namespace: shop\n  name: ')), ['db', 'web']);
    assert.deepEqual(labels(await complete('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: x\n  labels:\n    kubernetes.io/service-name: ')), ['elsewhere']);
  });

  it('offers the label keys and values of the namespace\'s Pods to a selector', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: shop\nspec:\n  selector:\n    ';
    const keys = await complete(service);
    assert.deepEqual(labels(keys), ['app', 'tier']);
    assert.equal(keys[0].detail, 'Pod label key in namespace shop');
    const values = await complete(`${service}app: `);
    assert.deepEqual(labels(values), ['web']);
    assert.match(String(values[0].documentation), /Deployment web/);
    assert.deepEqual(labels(await complete('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      tier: ')), ['front']);
  });

  it('offers the selected Pods\' container port names to a targetPort', async () => {
    const items = await complete('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: |\n');
    assert.deepEqual(labels(items), ['http', 'metrics']);
    assert.equal(items[0].documentation, 'Container port 8080 in Deployment web.');
  });

  it('offers Services and then their ports to an Ingress backend', async () => {
    const ingress = (service: string, port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: i
  namespace: shop
spec:
  defaultBackend:
    service:
      name: ${service}
      port:
        ${port}`;
    const services = await complete(ingress('|', 'number: 80'));
    assert.deepEqual(labels(services), ['db', 'web']);
    assert.equal(services[1].detail, 'Service shop/web');
    assert.deepEqual(labels(await complete(ingress('web', 'name: '))), ['http', 'admin']);
    const numbers = await complete(ingress('web', 'number: '));
    assert.deepEqual(labels(numbers), ['80', '9000']);
    assert.equal(numbers[0].detail, 'port http 80/TCP of Service shop/web');
  });

  it('offers Services and their port numbers to an HTTPRoute backendRef', async () => {
    const route = (name: string, port: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: shop
spec:
  rules:
    - backendRefs:
        - name: ${name}
          port: ${port}`;
    assert.deepEqual(labels(await complete(route('|', '80'))), ['db', 'web']);
    assert.deepEqual(labels(await complete(route('web', ''))), ['80', '9000']);
  });

  it('offers nothing elsewhere', async () => {
    assert.deepEqual(await complete('apiVersion: v1\nkind: Pod\nmetadata:\n  name: '), []);
  });
});
