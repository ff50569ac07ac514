import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { jsonDocuments, manyObjects, replicaList, taggedMapping } from './hostileTexts';
import { uriOf } from './lspHarness';
import { ServerProcess } from './serverProcess';

/**
 * Every request an editor sends about a file of megabytes, on the file itself, once it is
 * analysed: each holds the server's thread while it runs, so it must be quick too. The file is
 * on disk and open in the editor, as it is when a user opens it. Each of these once took seconds:
 * document symbols and code actions compared the file's two equal texts (from disk and from the
 * editor) at every position (8 s and 3 s), a workload's DNS records were made for every headless
 * Service of its namespace (3.5 s), a hover on a tagged mapping read it with the full parser (2 s),
 * the service map looked for each finding's node through every node of the file (3.4 s). On an
 * idle machine each now takes at most 1.3 s (the service map of 28,000 objects); the bound leaves
 * room for a loaded one.
 */
const BOUND_MS = 2_500;
const FILES: readonly { readonly name: string; readonly text: () => string }[] = [
  { name: 'a List of 14,000 StatefulSets at 100,000 replicas', text: () => replicaList(4_900_000) },
  { name: '9,800 Services and Pods', text: () => manyObjects(4_900) },
  { name: 'a tagged mapping', text: () => taggedMapping(4_900_000) },
  { name: 'JSON documents', text: () => jsonDocuments(4_600_000) },
];

it('answers each request on a hostile file within its bound (a server process over stdio)', { timeout: 900_000 }, async (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-requests-'));
  const server = new ServerProcess();
  const { client } = server;
  try {
    await server.initialize(folder);
    for (const [index, { name, text: make }] of FILES.entries()) {
      const text = make();
      const file = path.join(folder, `hostile-${index}.yaml`);
      const uri = uriOf(file);
      const textDocument = { uri };
      const since = server.mark();
      fs.writeFileSync(file, text);
      await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
      await server.analysed(since);
      const opened = server.mark();
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await server.analysed(opened);
      const lines = text.split('\n');
      const positions = [1, 4, lines.length >> 1, lines.length - 3].map((line) => ({ line, character: Math.min(6, lines[line].length) }));
      const requests: [string, () => Promise<unknown>][] = [
        ['document symbols', () => client.sendRequest('textDocument/documentSymbol', { textDocument })],
        ['code lenses', () => client.sendRequest('textDocument/codeLens', { textDocument })],
        ['service map', () => client.sendRequest('kubeLookup/serviceMap', { uri })],
        ...positions.flatMap((position): [string, () => Promise<unknown>][] => [
          [`hover ${position.line}`, () => client.sendRequest('textDocument/hover', { textDocument, position })],
          [`code actions ${position.line}`, () => client.sendRequest('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } })],
          [`definition ${position.line}`, () => client.sendRequest('textDocument/definition', { textDocument, position })],
          [`references ${position.line}`, () => client.sendRequest('textDocument/references', { textDocument, position, context: { includeDeclaration: true } })],
          [`completion ${position.line}`, () => client.sendRequest('textDocument/completion', { textDocument, position })],
          [`DNS records ${position.line}`, () => client.sendRequest('kubeLookup/records', { uri, position })],
        ]),
      ];
      const took: [string, number][] = [];
      for (const [request, send] of requests) {
        const started = Date.now();
        await send();
        took.push([request, Date.now() - started]);
      }
      took.sort((a, b) => b[1] - a[1]);
      t.diagnostic(`${name}: slowest ${took.slice(0, 4).map(([request, ms]) => `${request} ${ms} ms`).join(', ')}`);
      for (const [request, ms] of took) assert.ok(ms <= BOUND_MS, `${name}: ${request} took ${ms} ms (bound ${BOUND_MS} ms)`);
      await client.sendNotification('textDocument/didClose', { textDocument });
      fs.rmSync(file);
      await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    }
    await server.shutdown();
  } finally {
    server.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
