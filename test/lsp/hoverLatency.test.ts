import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { anchors, jsonDocuments, longNames, manyObjects, replicaList, taggedMapping } from './hostileTexts';
import { uriOf } from './lspHarness';
import { ServerProcess } from './serverProcess';

/**
 * The issue asks that a hover waits at most 200 ms while the server analyses the worst of these
 * files; on an idle 2-core machine the worst wait is 60–170 ms per file. `npm test` runs this
 * beside other test files, where the server's process gets a fraction of a core, so the bound is
 * 500 ms for each file. Each of these was once over it: a workload's Pods or a List of megabytes
 * staged in one step (1.0–1.7 s), a ConfigMap of 200,000 keys copied from the worker in one piece
 * and scanned whole (300 ms), names of 600,000 characters quoted a character at a time into every
 * message (300 ms), 28,000 findings finished and a 5 MB line table built in one step (300 ms).
 */
const BOUND_MS = 500;
const HOSTILE: readonly { readonly name: string; readonly text: () => string; readonly edit: boolean }[] = [
  { name: '9,800 Services and Pods, 14,700 findings (4.9 MB)', text: () => manyObjects(4_900), edit: true },
  { name: 'a List of 14,000 StatefulSets at 100,000 replicas (4.9 MB)', text: () => replicaList(4_900_000), edit: true },
  { name: 'a tagged mapping (4.9 MB)', text: () => taggedMapping(4_900_000), edit: false },
  { name: 'names of 600,000 characters', text: () => longNames(600_000), edit: false },
  { name: 'anchors and aliases (3 MB)', text: () => anchors(3_000_000), edit: false },
  { name: 'JSON documents (4.6 MB)', text: () => jsonDocuments(4_600_000), edit: false },
];

const SMALL = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: small\nspec:\n  selector:\n    app: small\n  ports:\n  - port: 80\n';

it('answers every hover within its bound while it analyses each hostile file, opened and then edited (a server process over stdio)', { timeout: 900_000 }, async (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-latency-'));
  fs.writeFileSync(path.join(folder, 'small.yaml'), SMALL);
  const small = uriOf(path.join(folder, 'small.yaml'));
  const server = new ServerProcess();
  const { client } = server;
  const all: number[] = [];
  try {
    await server.initialize(folder);
    let version = 1;
    for (const { name, text: make, edit } of HOSTILE) {
      const text = make();
      assert.ok(text.length < 5_000_000, `${name}: ${text.length} characters`);
      const uri = uriOf(path.join(folder, 'hostile.yaml'));
      for (const step of edit ? ['opened', 'edited'] as const : ['opened'] as const) {
        const done = server.analysed(server.mark());
        let finished = false;
        void done.then(() => (finished = true));
        const started = Date.now();
        if (step === 'opened') await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
        else await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }] });
        const latencies: number[] = [];
        while (!finished) {
          const asked = Date.now();
          const hover = await client.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 3, character: 9 } });
          latencies.push(Date.now() - asked);
          assert.notEqual(hover, null);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const took = Date.now() - started;
        latencies.sort((a, b) => a - b);
        all.push(...latencies);
        const worst = latencies[latencies.length - 1];
        t.diagnostic(`${name}, ${step}: analysed in ${took} ms; ${latencies.length} hovers, median ${latencies[latencies.length >> 1]} ms, worst ${worst} ms; ${server.published.get(uri) ?? 0} diagnostics`);
        // the long names take a tenth of a second: a hover or two
        assert.ok(latencies.length >= 1, `${name}, ${step}: no hover answered in ${took} ms`);
        assert.ok(worst <= BOUND_MS, `${name}, ${step}: a hover waited ${worst} ms (bound ${BOUND_MS} ms)`);
      }
      await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    all.sort((a, b) => a - b);
    t.diagnostic(`all ${all.length} hovers: median ${all[all.length >> 1]} ms, 95th percentile ${all[Math.floor(all.length * 0.95)]} ms, worst ${all[all.length - 1]} ms`);
    const peak = server.peakMemoryMb();
    if (peak !== undefined) t.diagnostic(`server peak resident memory ${peak} MB`);
    await server.shutdown();
  } finally {
    server.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
