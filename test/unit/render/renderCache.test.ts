import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { KustomizeTool } from '../../../server/src/render/kustomizeTool';
import { defaultCacheFolder, DiskRenderCache, MemoryRenderCache, renderKey } from '../../../server/src/render/renderCache';
import { defaultRenderLimits } from '../../../server/src/render/runKustomize';

const tool: KustomizeTool = { name: 'kubectl kustomize', command: process.execPath, args: ['kustomize'] };

/** A base and an overlay whose generator reads a `.env` file the manifest walk never reads. */
function overlayTree(): { root: string; files: Map<string, string> } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-key-'));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('base/kustomization.yaml', 'resources: [service.yaml]\n');
  write('base/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
  write('prod/kustomization.yaml', 'resources: [../base]\nnamePrefix: prod-\nconfigMapGenerator:\n- name: settings\n  envs: [settings.env]\n');
  write('prod/settings.env', 'LEVEL=debug\n');
  const files = new Map<string, string>();
  for (const file of ['base/kustomization.yaml', 'base/service.yaml', 'prod/kustomization.yaml']) files.set(path.join(root, file), fs.readFileSync(path.join(root, file), 'utf8'));
  return { root, files };
}

describe('the key of a build', () => {
  it('stays while nothing the build reads changes, and changes with any input: a file, a generator input on disk, the root, the limits', () => {
    const { root, files } = overlayTree();
    const prod = path.join(root, 'prod');
    const key = renderKey(prod, files, tool, defaultRenderLimits);
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(renderKey(prod, new Map([...files].reverse()), tool, defaultRenderLimits), key, 'the order files are given in does not count');
    const edited = new Map(files).set(path.join(root, 'base', 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\n');
    assert.notEqual(renderKey(prod, edited, tool, defaultRenderLimits), key, 'a resource of the base');
    fs.writeFileSync(path.join(prod, 'settings.env'), 'LEVEL=info\n');
    const afterEnv = renderKey(prod, files, tool, defaultRenderLimits);
    assert.notEqual(afterEnv, key, 'a generator input read from disk');
    fs.rmSync(path.join(prod, 'settings.env'));
    assert.notEqual(renderKey(prod, files, tool, defaultRenderLimits), afterEnv, 'a generator input gone');
    assert.notEqual(renderKey(path.join(root, 'base'), files, tool, defaultRenderLimits), afterEnv, 'another root');
    assert.notEqual(renderKey(prod, files, tool, { ...defaultRenderLimits, timeoutMs: 1000 }), afterEnv, 'other limits');
    assert.notEqual(renderKey(prod, files, { ...tool, args: ['build'] }, defaultRenderLimits), afterEnv, 'another tool');
    // the overlay alone (a base above the folder linted is not among the files read): the base is followed on disk
    const overlayOnly = new Map([...files].filter(([file]) => file.startsWith(prod)));
    const alone = renderKey(prod, overlayOnly, tool, defaultRenderLimits);
    assert.equal(renderKey(prod, new Map(), tool, defaultRenderLimits), alone, 'the root\'s own kustomization is read from disk too');
    fs.writeFileSync(path.join(root, 'base', 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\n');
    assert.notEqual(renderKey(prod, overlayOnly, tool, defaultRenderLimits), alone, 'a base file outside the files given, on disk');
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('builds kept in memory', () => {
  it('gives back what was kept, and drops the build used longest ago past its size', () => {
    const cache = new MemoryRenderCache(2);
    cache.set('a', { output: 'A', wrapper: '/tmp/w1' });
    cache.set('b', { output: 'B', wrapper: '/tmp/w2' });
    assert.deepEqual(cache.get('a'), { output: 'A', wrapper: '/tmp/w1' });
    cache.set('c', { output: 'C', wrapper: '/tmp/w3' });
    assert.equal(cache.get('b'), undefined, 'b was used longest ago');
    assert.equal(cache.get('a')?.output, 'A');
    assert.equal(cache.get('c')?.output, 'C');
    assert.equal(cache.size, 2);
  });
});

describe('builds kept on disk', () => {
  it('keeps builds across instances in a folder only its owner can read, and trims the oldest past its size', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-cache-'));
    const folder = path.join(home, 'kube-lookup', 'kustomize');
    const first = new DiskRenderCache(folder, 2_500);
    first.set('k1', { output: 'x'.repeat(1000), wrapper: '/tmp/kube-lookup-render-1' });
    assert.deepEqual(new DiskRenderCache(folder).get('k1'), { output: 'x'.repeat(1000), wrapper: '/tmp/kube-lookup-render-1' });
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
      assert.equal(fs.statSync(path.join(folder, 'k1.json')).mode & 0o777, 0o600);
    }
    // k1 was used (read) last: k2 goes first when k3 does not fit
    fs.utimesSync(path.join(folder, 'k1.json'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    first.set('k2', { output: 'y'.repeat(1000), wrapper: '/w' });
    fs.utimesSync(path.join(folder, 'k2.json'), new Date(Date.now() - 5000), new Date(Date.now() - 5000));
    first.set('k3', { output: 'z'.repeat(1000), wrapper: '/w' });
    assert.deepEqual(fs.readdirSync(folder).sort(), ['k1.json', 'k3.json']);
    assert.equal(first.get('missing'), undefined);
    fs.writeFileSync(path.join(folder, 'broken.json'), '{"output": 1}');
    assert.equal(first.get('broken'), undefined, 'a file that is not a kept build is no build');
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('keeps nothing in a folder others may write to', { skip: process.platform === 'win32' ? 'POSIX modes' : false }, () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-cache-'));
    fs.chmodSync(folder, 0o777);
    const cache = new DiskRenderCache(folder);
    cache.set('k', { output: 'x', wrapper: '/w' });
    assert.equal(cache.get('k'), undefined);
    assert.deepEqual(fs.readdirSync(folder), []);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('lives in the user cache folder, outside every workspace', () => {
    assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: '/home/u/.cache-x' }), path.join('/home/u/.cache-x', 'kube-lookup', 'kustomize'));
    assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'kube-lookup', 'kustomize'));
  });
});
