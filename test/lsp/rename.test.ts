import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { LspSession, positionOf, uriOf } from './lspHarness';

const FILES: Record<string, string> = {
  'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - port: 5432
`,
  // CRLF line ends: positions count the same, edits must not eat the \\r
  'pods.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: db-0',
    '  labels:',
    '    app: db',
    'spec:',
    '  hostname: db-0',
    '  subdomain: "db"',
    '  containers:',
    '    - name: db',
    '      image: postgres',
    '',
  ].join('\r\n'),
  'statefulset.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: replica
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: replica
  template:
    metadata:
      labels:
        app: replica
    spec:
      containers:
        - name: db
          image: postgres
`,
  'endpoints.yaml': `apiVersion: v1
kind: Service
metadata:
  name: external
spec:
  ports:
    - port: 80
---
apiVersion: v1
kind: Endpoints
metadata:
  name: external
subsets:
  - addresses:
      - ip: 10.1.2.3
    ports:
      - port: 80
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: external-abc
  labels:
    kubernetes.io/service-name: external
addressType: IPv4
endpoints:
  - addresses: ["10.1.2.3"]
ports:
  - port: 80
`,
  'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: external
                port:
                  number: 80
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
spec:
  rules:
    - backendRefs:
        - name: external
          port: 80
`,
  'placeholder.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: templated
spec:
  subdomain: \${DB_SERVICE}
  containers:
    - name: c
      image: busybox
`,
  'chart-like.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Values.name }}
spec:
  ports:
    - port: 80
`,
};

/** `file:line:character-character: newText`, lines 1-based. */
function edits(edit: WorkspaceEdit): string[] {
  return Object.entries(edit.changes ?? {}).flatMap(([uri, list]: [string, TextEdit[]]) =>
    list.map((one) => `${path.basename(new URL(uri).pathname)}:${one.range.start.line + 1}:${one.range.start.character}-${one.range.end.character}: ${one.newText}`)).sort();
}

function applied(text: string, list: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), list);
}

describe('rename over LSP', () => {
  let folder: string;
  let session: LspSession;
  const at = (file: string, needle: string, shift: number, nth = 1) => ({ textDocument: { uri: uriOf(path.join(folder, file)) }, position: positionOf(FILES[file], needle, shift, nth) });
  const rename = (file: string, needle: string, shift: number, newName: string, nth = 1) => session.request<WorkspaceEdit>('textDocument/rename', { ...at(file, needle, shift, nth), newName });
  const prepare = (file: string, needle: string, shift: number) => session.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', at(file, needle, shift));

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-rename-'));
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(folder, name), text);
    session = await LspSession.start([folder]);
  });
  after(async () => {
    await session.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('renames a headless Service from its name: the Pod subdomain (CRLF, quoted) and the StatefulSet serviceName follow', async () => {
    const prepared = await prepare('service.yaml', 'name: db', 7);
    assert.equal(prepared?.placeholder, 'db');
    assert.deepEqual(prepared?.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } });
    const edit = await rename('service.yaml', 'name: db', 7, 'postgres');
    assert.deepEqual(edits(edit), [
      'pods.yaml:9:14-16: postgres',
      'service.yaml:4:8-10: postgres',
      'statefulset.yaml:6:15-17: postgres',
    ]);
    const pods = edit.changes![uriOf(path.join(folder, 'pods.yaml'))];
    assert.match(applied(FILES['pods.yaml'], pods), /\r\n {2}subdomain: "postgres"\r\n {2}containers:\r\n/);
  });

  it('gives the same edit from each reference: a subdomain, a serviceName', async () => {
    const fromService = edits(await rename('service.yaml', 'name: db', 7, 'postgres'));
    assert.deepEqual(edits(await rename('pods.yaml', 'subdomain: "db"', 12, 'postgres')), fromService);
    assert.deepEqual(edits(await rename('statefulset.yaml', 'serviceName: db', 13, 'postgres')), fromService);
  });

  it('renames from an Endpoints name, an EndpointSlice label, an Ingress backend and a route backendRef', async () => {
    const expected = [
      'endpoints.yaml:12:8-16: backend',
      'endpoints.yaml:24:32-40: backend',
      'endpoints.yaml:4:8-16: backend',
      'ingress.yaml:13:22-30: backend',
      'ingress.yaml:24:16-24: backend',
    ];
    assert.deepEqual(edits(await rename('endpoints.yaml', 'name: external', 7, 'backend')), expected);
    assert.deepEqual(edits(await rename('endpoints.yaml', 'name: external', 7, 'backend', 2)), expected);
    assert.deepEqual(edits(await rename('endpoints.yaml', 'service-name: external', 15, 'backend')), expected);
    assert.deepEqual(edits(await rename('ingress.yaml', 'name: external', 7, 'backend')), expected);
    assert.deepEqual(edits(await rename('ingress.yaml', 'name: external', 7, 'backend', 2)), expected);
  });

  it('refuses a new name the API server would refuse, in its words', async () => {
    await assert.rejects(rename('service.yaml', 'name: db', 7, 'Postgres_1'), /metadata\.name: Invalid value: "Postgres_1": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  });

  it('refuses, saying why, on a placeholder, a templated file, a port and a name of no Service', async () => {
    await assert.rejects(prepare('placeholder.yaml', 'subdomain: ${', 12), /placeholder that is substituted later/);
    await assert.rejects(prepare('chart-like.yaml', 'name: {{', 8), /template/);
    await assert.rejects(prepare('ingress.yaml', 'number: 80', 9), /Put the cursor on a Service name/);
    await assert.rejects(prepare('service.yaml', 'app: db', 6), /Put the cursor on a Service name/);
  });
});

describe('rename in a Kustomize unit with a namePrefix', () => {
  it('refuses, naming the kustomization', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-rename-kustomize-'));
    fs.mkdirSync(path.join(folder, 'base'));
    const service = FILES['service.yaml'];
    fs.writeFileSync(path.join(folder, 'base', 'service.yaml'), service);
    fs.writeFileSync(path.join(folder, 'base', 'kustomization.yaml'), 'namePrefix: prod-\nresources:\n  - service.yaml\n');
    const session = await LspSession.start([folder]);
    try {
      const uri = uriOf(path.join(folder, 'base', 'service.yaml'));
      await assert.rejects(session.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(service, 'name: db', 7) }), /namePrefix "prod-" in .*base\/kustomization\.yaml/);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
