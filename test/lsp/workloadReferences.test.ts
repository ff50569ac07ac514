import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver/node';
import { LspSession, positionOf, uriOf } from './lspHarness';
import { OneFileSession, rangeText } from './oneFileSession';

/** An application with what names its workload, its Pods, its ServiceAccount and its Service: an HPA, a budget, a policy, a webhook. */
const APP = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - {name: https, port: 443, targetPort: 8443}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: web
        env:
        - {name: SELF_URL, value: "https://web.shop:443/"}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: web
webhooks:
- name: web.example.com
  clientConfig:
    service: {name: web, namespace: shop, path: /validate}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  maxReplicas: 5
`;

describe('hover and definition on the objects that name a workload, its Pods, its ServiceAccount or a Service for the API server', () => {
  let app: OneFileSession;
  before(async () => {
    app = await OneFileSession.start('kube-lookup-workload-references-', APP);
  });
  after(async () => {
    await app.dispose();
  });

  const hover = (needle: string, shift: number, nth = 1) => app.hover(needle, shift, nth);
  const definition = (needle: string, shift: number, nth = 1) => app.definition(needle, shift, nth);

  it('an autoscaler scaleTargetRef: the workload and its Pods, or that it is missing', async () => {
    assert.equal(await hover('name: web}', 7), '**HorizontalPodAutoscaler scaleTargetRef** → Deployment `shop/web` · 2 Pods');
    assert.deepEqual(await definition('name: web}', 7), ['20:8-20:11']);
    assert.equal(await hover('name: api}', 7), '**HorizontalPodAutoscaler scaleTargetRef** → no Deployment `api` in namespace `shop`');
    assert.deepEqual(await definition('name: api}', 7), []);
  });

  it('a serviceAccountName: the ServiceAccount', async () => {
    assert.equal(await hover('serviceAccountName: web', 21), '**serviceAccountName** → ServiceAccount `shop/web`');
    assert.deepEqual(await definition('serviceAccountName: web', 21), ['4:8-4:11']);
  });

  it('a PodDisruptionBudget and a NetworkPolicy selector: the Pods they match', async () => {
    assert.equal(await hover('matchLabels: {app: web}', 2, 2), ['**PodDisruptionBudget spec.selector** matches 2 Pods in namespace `shop`', '', '- Deployment `web`'].join('\n'));
    assert.deepEqual(await definition('matchLabels: {app: web}', 2, 2), ['27:14-27:24']);
    assert.equal(await hover('matchLabels: {app: web}', 2, 3), ['**NetworkPolicy spec.podSelector** matches 2 Pods in namespace `shop`', '', '- Deployment `web`'].join('\n'));
  });

  it('a host in configuration: the Service and port it reaches from the Pods that use it', async () => {
    assert.equal(await hover('web.shop:443', 2), ['**`web.shop:443`** from the Pods of Deployment "web" (namespace "shop") → Service `shop/web` · ClusterIP', '', 'port 443/TCP (`https`) → target port `8443`'].join('\n'));
    assert.deepEqual(await definition('web.shop:443', 2), ['15:24-15:27']);
  });

  it('a webhook clientConfig.service: the Service, and find references from the Service lists it', async () => {
    assert.match((await hover('service: {name: web', 16)) ?? '', /^\*\*webhook clientConfig\.service\*\* → Service `shop\/web` · ClusterIP/);
    assert.deepEqual(await definition('service: {name: web', 16), ['10:8-10:11']);
    const references = await app.session.request<Location[]>('textDocument/references', { ...app.at('name: web', 7, 2), context: { includeDeclaration: false } });
    assert.ok(references.map(rangeText).includes('71:20-71:23'), references.map(rangeText).join(' '));
  });
});

describe('diagnostics of what names a workload or a ServiceAccount follow edits in another file', () => {
  const ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n';
  const APP_FILE = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}',
    '    spec:', '      serviceAccountName: web', '      containers: [{name: web, image: web}]',
    '---',
    'apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: web}', 'spec:', '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}', '  maxReplicas: 3', '',
  ].join('\n');

  it('renaming the ServiceAccount lights up the serviceAccountName that named it, and renaming it back clears it', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-workload-references-'));
    fs.writeFileSync(path.join(folder, 'account.yaml'), ACCOUNT);
    fs.writeFileSync(path.join(folder, 'app.yaml'), APP_FILE);
    const session = await LspSession.start([folder]);
    const account = uriOf(path.join(folder, 'account.yaml'));
    const app = uriOf(path.join(folder, 'app.yaml'));
    try {
      await session.open(account, ACCOUNT);
      assert.deepEqual(session.codes(app), []);
      const name = positionOf(ACCOUNT, 'name: web', 6);
      await session.edit(account, { start: name, end: { line: name.line, character: name.character + 3 } }, 'webs');
      await session.until(() => session.codes(app).length === 1);
      assert.deepEqual(session.codes(app), ['service-account-not-found@8:26']);
      await session.edit(account, { start: name, end: { line: name.line, character: name.character + 4 } }, 'web');
      await session.until(() => session.codes(app).length === 0);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
