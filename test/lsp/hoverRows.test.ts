import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { LspSession, positionOf, uriOf } from './lspHarness';

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 40
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
`;

describe('a Service hover with many endpoints', () => {
  it('shows 10 rows, counts the rest with a link that lists them, and no line twice', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hover-rows-'));
    fs.writeFileSync(path.join(folder, 'web.yaml'), MANIFEST);
    const session = await LspSession.start([folder]);
    try {
      const uri = uriOf(path.join(folder, 'web.yaml'));
      const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(MANIFEST, 'name: web', 7) });
      const text = (hover.contents as MarkupContent).value;
      const rows = text.split('\n').filter((line) => /^\| web-\d+ \|/.test(line));
      assert.equal(rows.length, 10);
      assert.match(text, /^… and 30 more: \[list all\]\(command:kubeLookup\.showEndpoints\?%5B/m);
      assert.match(text, /^- … and 30 more$/m);
      const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\|[\s|-]*\|$/.test(line));
      assert.equal(new Set(lines).size, lines.length, 'a line repeats');
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
