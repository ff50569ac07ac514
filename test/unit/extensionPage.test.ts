import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

describe('the Extensions-view page (client/extensionPage.mjs)', () => {
  it('holds the editor part of the README, its pictures inlined and no link that leads nowhere', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-page-')), 'README.md');
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'client', 'extensionPage.mjs'), out], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const page = fs.readFileSync(out, 'utf8');
    assert.deepEqual(page.split('\n').filter((line) => /^## /.test(line)), ['## In the editor', '## Rules', '## More']);
    assert.equal([...page.matchAll(/!\[[^\]]+\]\(data:image\/png;base64,/g)].length, 2);
    assert.deepEqual([...page.matchAll(/\]\((?!https?:|#|data:)[^)]*\)/g)].map((match) => match[0]), []);
    assert.equal(page.split('\n').filter((line) => line.startsWith('```')).length % 2, 0, 'a code block is cut');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
