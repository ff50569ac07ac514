import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { manyObjects } from './hostileTexts';
import { LspSession, messageOf, uriOf } from './lspHarness';

const SMALL = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: small\nspec:\n  selector:\n    app: small\n  ports:\n  - port: 80\n';

/** Documents nesting flow sequences 190 deep, within maxNestingDepth: slow for the YAML parser. */
function deeplyNested(documents: number): string {
  return Array.from({ length: documents }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d${i}\ndata:\n  x: ${'['.repeat(190)}${']'.repeat(190)}\n`).join('---\n');
}

describe('hostile files in the language server', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });
  const workspace = (): string => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hostile-'));
    folders.push(folder);
    fs.writeFileSync(path.join(folder, 'small.yaml'), SMALL);
    return folder;
  };

  it('skips a file whose parsing takes longer than the budget, and parses the next file in a new worker', { timeout: 120_000 }, async () => {
    const folder = workspace();
    const session = await LspSession.start([folder], {}, 30_000, { parseBudgetMs: 300, parseOffThreadFrom: 0 });
    const deep = uriOf(path.join(folder, 'deep.yaml'));
    const next = uriOf(path.join(folder, 'next.yaml'));
    try {
      // about 1.5 s of parsing on an idle machine
      await session.open(deep, deeplyNested(500));
      await session.until(() => session.diagnostics.has(deep), 60_000);
      assert.deepEqual(session.diagnostics.get(deep)!.map((diagnostic) => `${diagnostic.code} ${messageOf(diagnostic)}`), [
        "file-skipped File skipped: parsing it took longer than 0.3 s (the language server's time budget per file).",
      ]);
      await session.open(next, 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: nothing\n');
      await session.until(() => session.codes(next).includes('endpoints-without-service@3:8'), 60_000);
      assert.notEqual(await session.request('textDocument/hover', { textDocument: { uri: uriOf(path.join(folder, 'small.yaml')) }, position: { line: 3, character: 9 } }), null);
    } finally {
      await session.dispose();
    }
  });

  it('parses large files again in the worker thread when settings change', { timeout: 120_000 }, async () => {
    const folder = workspace();
    fs.writeFileSync(path.join(folder, 'orphan.yaml'), 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: nothing\n');
    const session = await LspSession.start([folder], {}, 30_000, { parseOffThreadFrom: 0 });
    const orphan = uriOf(path.join(folder, 'orphan.yaml'));
    try {
      const severity = (): number | undefined => session.diagnostics.get(orphan)?.find((diagnostic) => diagnostic.code === 'endpoints-without-service')?.severity;
      await session.until(() => severity() === 1, 60_000);
      session.settings.kubeLookup = { rules: { 'endpoints-without-service': 'warning' } };
      await session.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await session.until(() => severity() === 2, 60_000);
    } finally {
      await session.dispose();
    }
  });

  it('skips a file whose checking takes longer than the budget, and checks it again once edited', { timeout: 120_000 }, async () => {
    const folder = workspace();
    const session = await LspSession.start([folder], {}, 30_000, { lintBudgetMs: 50 });
    const big = uriOf(path.join(folder, 'big.yaml'));
    try {
      await session.open(big, manyObjects(1500));
      await session.until(() => session.diagnostics.has(big), 60_000);
      assert.deepEqual(session.diagnostics.get(big)!.map((diagnostic) => `${diagnostic.code} ${messageOf(diagnostic)}`), [
        "file-skipped File skipped: checking it took longer than 0.05 s (the language server's time budget per file).",
      ]);
      await session.edit(big, { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } }, manyObjects(1));
      await session.until(() => session.codes(big).some((code) => code.startsWith('service-selector-matches-nothing')), 60_000);
    } finally {
      await session.dispose();
    }
  });
});
