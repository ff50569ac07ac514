import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { repoRoot } from '../helpers/paths';
import { anchors, jsonDocuments, longNames, manyObjects, replicaList, taggedMapping } from './hostileTexts';
import { uriOf } from './lspHarness';

const serverPath = path.join(repoRoot, 'out', 'server', 'src', 'main.js');

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
  // a process of its own, as an editor starts it: the client's clock runs whatever the server does
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const statuses: StatusParams[] = [];
  const published = new Map<string, number>();
  let wake = (): void => undefined;
  client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
    statuses.push(status);
    wake();
  });
  client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
    published.set(params.uri, params.diagnostics.length);
    wake();
  });
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  /** Resolves once the server has gone busy after `since` statuses and is idle again. */
  const analysed = (since: number): Promise<void> => new Promise((resolve) => {
    const check = (): void => {
      const after = statuses.slice(since);
      if (after.some((status) => status.indexing) && !after[after.length - 1].indexing) resolve();
    };
    wake = check;
    check();
  });
  const all: number[] = [];
  try {
    await client.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: [{ uri: uriOf(folder), name: 'latency' }], capabilities: {} });
    await client.sendNotification('initialized', {});
    await analysed(0);
    let version = 1;
    for (const { name, text: make, edit } of HOSTILE) {
      const text = make();
      assert.ok(text.length < 5_000_000, `${name}: ${text.length} characters`);
      const uri = uriOf(path.join(folder, 'hostile.yaml'));
      for (const step of edit ? ['opened', 'edited'] as const : ['opened'] as const) {
        const since = statuses.length;
        const done = analysed(since);
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
        t.diagnostic(`${name}, ${step}: analysed in ${took} ms; ${latencies.length} hovers, median ${latencies[latencies.length >> 1]} ms, worst ${worst} ms; ${published.get(uri) ?? 0} diagnostics`);
        // the long names take a tenth of a second: a hover or two
        assert.ok(latencies.length >= 1, `${name}, ${step}: no hover answered in ${took} ms`);
        assert.ok(worst <= BOUND_MS, `${name}, ${step}: a hover waited ${worst} ms (bound ${BOUND_MS} ms)`);
      }
      await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    all.sort((a, b) => a - b);
    t.diagnostic(`all ${all.length} hovers: median ${all[all.length >> 1]} ms, 95th percentile ${all[Math.floor(all.length * 0.95)]} ms, worst ${all[all.length - 1]} ms`);
    // the server's peak memory, where Linux tells it
    const peak = /VmHWM:\s*(\d+) kB/.exec(fs.existsSync(`/proc/${child.pid}/status`) ? fs.readFileSync(`/proc/${child.pid}/status`, 'utf8') : '');
    if (peak) t.diagnostic(`server peak resident memory ${Math.round(Number(peak[1]) / 1024)} MB`);
    await client.sendRequest('shutdown');
    await client.sendNotification('exit');
  } finally {
    client.dispose();
    child.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
