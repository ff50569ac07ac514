import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lines } from '../helpers/modelFrom';
import { LspSession, uriOf } from './lspHarness';

const SERVICE = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector:', '    app: frontnd', '  ports:', '  - port: 80');
const DEPLOYMENT = lines(
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: frontend', 'spec:', '  selector:', '    matchLabels: {app: frontend}',
  '  template:', '    metadata:', '      labels: {app: frontend}', '    spec:', '      containers: [{name: web, image: nginx}]',
);

describe('the selector "did you mean" quick fix over LSP', () => {
  it('replaces the mistyped selector value with the labels of the Pods meant, and the warning goes away', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-selector-fix-'));
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    fs.writeFileSync(path.join(folder, 'deployment.yaml'), DEPLOYMENT);
    const uri = uriOf(path.join(folder, 'service.yaml'));
    const session = await LspSession.start([folder]);
    try {
      await session.open(uri, SERVICE);
      const finding = (): Diagnostic | undefined => session.diagnostics.get(uri)?.find((candidate) => candidate.code === 'service-selector-matches-nothing');
      await session.until(() => finding() !== undefined);
      assert.match(String(finding()!.message), /did you mean app=frontend, the labels of Deployment "frontend"\?/);
      const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: finding()!.range, context: { diagnostics: [finding()!] } });
      const fix = actions[0];
      assert.equal(fix.title, 'Change the selector to app=frontend');
      assert.equal(fix.isPreferred, true);
      assert.deepEqual(fix.edit?.changes?.[uri], [{ range: { start: { line: 6, character: 9 }, end: { line: 6, character: 16 } }, newText: 'frontend' }]);
      const edits = fix.edit!.changes![uri] as TextEdit[];
      assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, SERVICE), edits), SERVICE.replace('app: frontnd', 'app: frontend'));
      for (const edit of edits) await session.edit(uri, edit.range, edit.newText);
      await session.until(() => finding() === undefined);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
