import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

describe('the Extensions-view page (client/extensionPage.mjs)', () => {
  const write = (env: Record<string, string>): string => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-page-')), 'README.md');
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'client', 'extensionPage.mjs'), out], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(result.status, 0, result.stderr);
    const page = fs.readFileSync(out, 'utf8');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    return page;
  };

  it('holds the editor part of the README and no link or picture that leads nowhere', () => {
    const page = write({});
    assert.deepEqual(page.split('\n').filter((line) => /^## /.test(line)), ['## In the editor', '## Rules', '## More']);
    assert.deepEqual([...page.matchAll(/\]\((?!https?:|#)[^)]*\)/g)].map((match) => match[0]), []);
    assert.equal(page.split('\n').filter((line) => line.startsWith('```')).length % 2, 0, 'a code block is cut');
  });

  it('links the pictures where the repository is published', () => {
    const page = write({ KUBE_LOOKUP_IMAGES_URL: 'https://example.org/kube-lookup/raw/v0.1.0' });
    assert.deepEqual([...page.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1]), [
      'https://example.org/kube-lookup/raw/v0.1.0/docs/images/hover.png',
      'https://example.org/kube-lookup/raw/v0.1.0/docs/images/nslookup-and-problems.png',
      'https://example.org/kube-lookup/raw/v0.1.0/docs/images/service-map.png',
    ]);
  });
});
