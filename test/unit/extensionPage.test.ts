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
    assert.deepEqual(page.split('\n').filter((line) => /^## /.test(line)), ['## In the editor', '## Rules', '## Rule pages', '## More']);
    assert.deepEqual([...page.matchAll(/\]\((?!https?:|#)[^)]*\)/g)].map((match) => match[0]), []);
    assert.equal(page.split('\n').filter((line) => line.startsWith('```')).length % 2, 0, 'a code block is cut');
  });

  it('links every rule of the table to its page, appended under an anchor of its own (the view opens no relative link)', () => {
    const page = write({});
    const anchors = new Set([...page.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]));
    const rules = fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).filter((file) => file.endsWith('.md') && file !== 'README.md');
    assert.equal(anchors.size, rules.length);
    const links = [...page.matchAll(/\]\(#(rule-[^)]+)\)/g)].map((match) => match[1]);
    assert.ok(links.length >= rules.length, 'the table links every rule page');
    for (const link of links) assert.ok(anchors.has(link), `#${link} has no anchor`);
    // rendered: headings below the page's own, and the text of each rule page
    assert.match(page, /\n### `endpoints-without-service`\n/);
    assert.match(page, /\n#### Messages\n/);
  });

  it('sends the reader to the walkthrough for pictures when it has no web address for them', () => {
    const page = write({});
    assert.deepEqual([...page.matchAll(/!\[/g)], []);
    assert.match(page, /walkthrough \*\*Get started with kube-lookup\*\* shows these features in pictures/);
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
