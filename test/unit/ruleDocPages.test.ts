import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linkPages, pageOfPath, RULE_DOC_SCHEME, RULE_PAGES_FOLDER, rulePageHtml, rulePageOf } from '../../client/src/ruleDocPages';
import { repoRoot } from '../helpers/paths';

describe('rendered rule pages (client/src/ruleDocPages.ts)', () => {
  const docs = '/home/user/.vscode/extensions/kube-lookup.kube-lookup-0.1.0/docs/rules';

  it('takes the documentation links of the installed extension, and no other file', () => {
    assert.equal(rulePageOf(`${docs}/endpoints-without-service.md`, docs), 'endpoints-without-service.md');
    assert.equal(rulePageOf(`${docs}/README.md`, `${docs}/`), 'README.md');
    assert.equal(rulePageOf('/work/project/docs/rules/endpoints-without-service.md', docs), undefined);
    assert.equal(rulePageOf(`${docs}/../README.md`, docs), undefined);
    assert.equal(rulePageOf(`${docs}/sub/x.md`, docs), undefined);
    assert.equal(rulePageOf(`${docs}/icon.png`, docs), undefined);
    // Windows paths as a file URI's fsPath spells them
    assert.equal(rulePageOf('C:\\ext\\docs\\rules\\yaml-syntax.md', 'C:\\ext\\docs\\rules'), 'yaml-syntax.md');
  });

  it('maps a page path back to its page', () => {
    assert.equal(pageOfPath(`${RULE_PAGES_FOLDER}/yaml-syntax.md`), 'yaml-syntax.md');
    assert.equal(pageOfPath(`${RULE_PAGES_FOLDER}/../secret.md`), undefined);
    assert.equal(pageOfPath('/elsewhere/yaml-syntax.md'), undefined);
  });

  it('points links between rule pages at their rendered pages, and leaves others alone', () => {
    const html = '<a href="yaml-syntax.md">yaml-syntax</a> <a href="README.md#rules">all</a> <a href="https://kubernetes.io/docs/x.md">k8s</a> <a href="../../README.md">up</a>';
    assert.equal(linkPages(html, (page) => `command:open?${page}&x`),
      '<a href="command:open?yaml-syntax.md&amp;x">yaml-syntax</a> <a href="command:open?README.md&amp;x">all</a> <a href="https://kubernetes.io/docs/x.md">k8s</a> <a href="../../README.md">up</a>');
  });

  it('every link of the shipped rule pages is to another shipped page or to the web', () => {
    const folder = path.join(repoRoot, 'docs', 'rules');
    for (const file of fs.readdirSync(folder)) {
      for (const [, target] of fs.readFileSync(path.join(folder, file), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target) || target.startsWith('#')) continue;
        assert.ok(fs.existsSync(path.join(folder, target.replace(/#.*$/, ''))), `${file} links to ${target}`);
      }
    }
  });

  it('wraps the page in a document that runs no script', () => {
    const page = rulePageHtml('<h1>x</h1>', 'abc', 'https://webview.example');
    assert.match(page, /default-src 'none'; img-src https:\/\/webview\.example https: data:; style-src 'nonce-abc';/);
    assert.doesNotMatch(page, /<script/);
    assert.equal(RULE_DOC_SCHEME, 'kube-lookup-rule');
  });
});
