import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildRoots, runConcurrently } from '../../../server/src/render/buildPool';
import { buildRootsSync } from '../../../server/src/render/buildRootsSync';
import type { KustomizeTool } from '../../../server/src/render/kustomizeTool';
import { buildKustomizationAsync } from '../../../server/src/render/runKustomize';

const posixOnly = { skip: process.platform === 'win32' ? 'shell scripts stand in for kubectl' : false };

/** A stand-in kubectl that records when each build starts and ends in `log`, sleeping in between. */
function recordingTool(seconds: number): { tool: KustomizeTool; folder: string; log: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-pool-'));
  const log = path.join(folder, 'log');
  fs.writeFileSync(path.join(folder, 'kubectl'), `#!/bin/sh\necho "start $$" >> '${log}'\nsleep ${seconds}\necho "end $$" >> '${log}'\necho "kind: ConfigMap # $2"\n`, { mode: 0o755 });
  return { tool: { name: 'kubectl kustomize', command: path.join(folder, 'kubectl'), args: ['kustomize'] }, folder, log };
}

/** The most builds the log shows running at once. */
function mostAtOnce(log: string): number {
  let running = 0;
  let most = 0;
  for (const line of fs.readFileSync(log, 'utf8').trim().split('\n')) {
    running += line.startsWith('start') ? 1 : -1;
    most = Math.max(most, running);
  }
  return most;
}

describe('running builds at once', () => {
  it('runs at most the limit at a time and gives results in the order of the items', async () => {
    let running = 0;
    let most = 0;
    const results = await runConcurrently([50, 10, 30, 20, 40], 2, async (ms, index) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return index * 10;
    });
    assert.deepEqual(results, [0, 10, 20, 30, 40]);
    assert.equal(most, 2);
    assert.deepEqual(await runConcurrently([], 4, async () => 1), []);
  });

  it('runs kustomize processes side by side, each under its own limits, in the server and for the CLI', posixOnly, async () => {
    const fake = recordingTool(0.4);
    const roots = ['a', 'b', 'c', 'd'].map((name) => fs.mkdtempSync(path.join(os.tmpdir(), `kube-lookup-root-${name}-`)));
    const began = Date.now();
    const builds = await buildRoots(roots, fake.tool, { timeoutMs: 10_000, maxOutputBytes: 1_000_000 }, 2);
    assert.ok(builds.every((build) => build.ok && build.output.startsWith('kind: ConfigMap # ')), JSON.stringify(builds));
    assert.equal(mostAtOnce(fake.log), 2);
    // four builds of 0.4 s two at a time take two rounds, not four
    assert.ok(Date.now() - began < 4 * 400 + 1500, `took ${Date.now() - began} ms`);
    fs.rmSync(fake.log);
    const synchronous = buildRootsSync(roots, fake.tool, { timeoutMs: 10_000, maxOutputBytes: 1_000_000 }, 3);
    assert.equal(synchronous.length, 4);
    assert.ok(synchronous.every((build) => build.ok && build.resolveOrigin('x.yaml') === path.resolve(build.wrapper, 'x.yaml')));
    assert.equal(mostAtOnce(fake.log), 3);
    for (const folder of [fake.folder, ...roots]) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('stops a build off the event loop at the time limit and at the output limit', posixOnly, async () => {
    const slow = recordingTool(5);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-root-'));
    assert.deepEqual(await buildKustomizationAsync(root, slow.tool, { timeoutMs: 300, maxOutputBytes: 1_000_000 }), { ok: false, error: 'it ran over the time limit of 0.3 s' });
    const loud = path.join(slow.folder, 'loud');
    fs.writeFileSync(loud, '#!/bin/sh\nyes "apiVersion: v1" | head -c 3000000\n', { mode: 0o755 });
    assert.deepEqual(await buildKustomizationAsync(root, { ...slow.tool, command: loud }, { timeoutMs: 10_000, maxOutputBytes: 1_000_000 }), { ok: false, error: 'its output is over the limit of 1 MB' });
    const failing = path.join(slow.folder, 'failing');
    fs.writeFileSync(failing, '#!/bin/sh\necho "Error: accumulating resources: missing.yaml: no such file" >&2\nexit 1\n', { mode: 0o755 });
    assert.deepEqual(await buildKustomizationAsync(root, { ...slow.tool, command: failing }), { ok: false, error: 'accumulating resources: missing.yaml: no such file' });
    assert.deepEqual(await buildKustomizationAsync(root, { ...slow.tool, command: path.join(slow.folder, 'absent') }), { ok: false, error: `cannot run ${path.join(slow.folder, 'absent')} (ENOENT)` });
    for (const folder of [slow.folder, root]) fs.rmSync(folder, { recursive: true, force: true });
  });
});
