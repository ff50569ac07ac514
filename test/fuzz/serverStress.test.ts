import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { after, describe, it } from 'node:test';
import { CancellationTokenSource, type ProtocolConnection } from 'vscode-languageserver/node';
import { LspSession, uriOf } from '../lsp/lspHarness';
import { countInputs, longRun } from './budget';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n';
const POD = (subdomain: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-0\n  labels:\n    app: db\nspec:\n  hostname: db-0\n  subdomain: ${subdomain}\n  containers:\n  - name: db\n    image: postgres\n`;
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-0\n   labels: [\n\t- {{ .x }\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** Heap in use after a full collection, in MB. */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('the language server under stress', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers every request through rapid edits, cancellations and concurrent hovers, converges, and keeps memory flat', { timeout: 600_000 }, async (t) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-stress-'));
    folders.push(folder);
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    fs.writeFileSync(path.join(folder, 'pod.yaml'), POD('db'));
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-stress-extra-'));
    folders.push(second);
    fs.writeFileSync(path.join(second, 'other.yaml'), SERVICE.replace('name: db', 'name: other'));
    const session = await LspSession.start([folder], {}, 30_000);
    const client = session.client as ProtocolConnection;
    const pod = uriOf(path.join(folder, 'pod.yaml'));
    await session.open(pod, POD('db'));

    const cycles = longRun ? 10_000 : 1_000;
    const pending: Promise<unknown>[] = [];
    let answered = 0;
    let cancelled = 0;
    const ask = (method: string, params: unknown, cancel: boolean): void => {
      const source = new CancellationTokenSource();
      const request = client.sendRequest(method, params, source.token).then(
        () => void (answered += 1),
        (error: { code?: number }) => {
          // only a cancellation may end a request without an answer
          assert.equal(error.code, -32800, `${method} failed: ${JSON.stringify(error)}`);
          cancelled += 1;
        },
      );
      if (cancel) source.cancel();
      pending.push(request);
    };
    let warm = 0;
    for (let cycle = 0; cycle < cycles; cycle++) {
      // a file flipping between valid, invalid and a typo, as someone types
      const text = cycle % 3 === 0 ? BROKEN : cycle % 3 === 1 ? POD('db') : POD(`db${cycle % 7}`);
      await session.edit(pod, WHOLE, text);
      ask('textDocument/hover', { textDocument: { uri: pod }, position: { line: 8, character: 14 } }, cycle % 4 === 0);
      if (cycle % 10 === 0) ask('textDocument/definition', { textDocument: { uri: pod }, position: { line: 8, character: 14 } }, cycle % 20 === 0);
      if (cycle % 250 === 0) {
        // workspace folders come and go while edits continue
        await client.sendNotification('workspace/didChangeWorkspaceFolders', { event: cycle % 500 === 0 ? { added: [{ uri: uriOf(second), name: 'extra' }], removed: [] } : { added: [], removed: [{ uri: uriOf(second), name: 'extra' }] } });
      }
      if (pending.length >= 200) await Promise.all(pending.splice(0));
      if (cycle === Math.floor(cycles / 10)) warm = heapAfterGc();
    }
    await Promise.all(pending.splice(0));
    assert.equal(answered + cancelled, cycles + Math.ceil(cycles / 10));

    // the last edit decides: a subdomain that names no Service
    await session.edit(pod, WHOLE, POD('dbx'));
    await session.until(() => (session.diagnostics.get(pod) ?? []).some((diagnostic) => diagnostic.code === 'subdomain-without-headless-service'), 30_000);
    await session.edit(pod, WHOLE, POD('db'));
    await session.until(() => !(session.diagnostics.get(pod) ?? []).some((diagnostic) => diagnostic.code === 'subdomain-without-headless-service'), 30_000);

    const end = heapAfterGc();
    t.diagnostic(`${cycles} edit cycles: ${answered} requests answered, ${cancelled} cancelled; heap ${warm.toFixed(1)} MB after ${Math.floor(cycles / 10)} cycles, ${end.toFixed(1)} MB at the end`);
    countInputs('server edit cycles', cycles);
    await session.dispose();
    // flat: whatever the count of cycles, the server keeps no per-edit state
    assert.ok(end - warm < 25, `heap grew from ${warm.toFixed(1)} MB to ${end.toFixed(1)} MB`);
  });

  it('indexes a folder of hostile files (links to /dev/zero and a FIFO, a loop, binary, huge) and still answers', { timeout: 120_000 }, async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hostile-lsp-'));
    folders.push(folder);
    const at = (name: string): string => path.join(folder, name);
    fs.writeFileSync(at('service.yaml'), SERVICE);
    fs.writeFileSync(at('pod.yaml'), POD('dbx'));
    if (fs.existsSync('/dev/zero')) fs.symlinkSync('/dev/zero', at('zero.yaml'));
    if (spawnSync('mkfifo', [at('fifo')]).status === 0) for (let index = 0; index < 6; index++) fs.symlinkSync('fifo', at(`fifo-${index}.yaml`));
    fs.symlinkSync(folder, at('loop'));
    fs.symlinkSync('self.yaml', at('self.yaml'));
    fs.writeFileSync(at('binary.yaml'), Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 31) % 256)));
    fs.writeFileSync(at('deep.yaml'), 'apiVersion: v1\nkind: X\na: ' + '['.repeat(20_000) + ']'.repeat(20_000));
    // more FIFO links than the thread pool has threads: a blocking read would stall every file read after them
    const session = await LspSession.start([folder], {}, 60_000);
    try {
      const pod = uriOf(at('pod.yaml'));
      await session.until(() => (session.diagnostics.get(pod) ?? []).some((diagnostic) => diagnostic.code === 'subdomain-without-headless-service'), 30_000);
      assert.deepEqual(session.codes(uriOf(at('deep.yaml'))), ['file-skipped@0:0']);
      assert.deepEqual(session.codes(uriOf(at('binary.yaml'))), ['file-skipped@0:0']);
      const hover = await session.request<unknown>('textDocument/hover', { textDocument: { uri: uriOf(at('service.yaml')) }, position: { line: 3, character: 9 } });
      assert.ok(hover !== null);
    } finally {
      await session.dispose();
    }
  });
});
