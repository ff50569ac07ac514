import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/rules/index';
import { renderCatalogueMarkdown, renderRuleDoc } from '../../server/src/core/rules/ruleDocs';
import { fixturesRoot, repoRoot } from '../helpers/paths';

const RULES_FOLDER = path.join(repoRoot, 'server', 'src', 'core', 'rules');
/** Files in the rules folder that are machinery, not rules. */
const NOT_RULES = new Set(['index.ts', 'types.ts', 'runRules.ts', 'closestName.ts', 'ruleDocs.ts', 'suppressions.ts', 'textEdits.ts', 'endpointSliceConversion.ts', 'duplicateServiceFields.ts', 'selectedTemplates.ts', 'missingHeadlessService.ts']);

describe('rule catalogue', () => {
  const ids = rules.map((rule) => rule.meta.id);

  it('lists rules sorted by id, each id once, in kebab-case', () => {
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('has one file per rule, named after its id, and no unregistered rule file', () => {
    const files = fs.readdirSync(RULES_FOLDER).filter((name) => name.endsWith('.ts') && !NOT_RULES.has(name) && /^[a-z0-9-]+\.ts$/.test(name) && name.includes('-'));
    assert.deepEqual(files.map((name) => name.replace(/\.ts$/, '')).sort(), [...ids].sort());
  });

  it('gives every rule valid and invalid fixtures', () => {
    for (const id of ids) {
      for (const kind of ['valid', 'invalid']) {
        const folder = path.join(fixturesRoot, 'rules', id, kind);
        assert.ok(fs.existsSync(folder) && fs.readdirSync(folder).length > 0, `missing fixtures: test/fixtures/rules/${id}/${kind}`);
      }
    }
  });

  it('has a description, a remediation ending with a period and messages for every rule', () => {
    for (const rule of rules) {
      assert.ok(rule.meta.description.length > 20, `${rule.meta.id}: description`);
      assert.ok(rule.meta.remediation.endsWith('.'), `${rule.meta.id}: remediation must end with a period`);
      assert.ok(Object.keys(rule.meta.messages).length > 0, `${rule.meta.id}: messages`);
      assert.equal(rule.meta.scope === 'file', rule.check === undefined, `${rule.meta.id}: only file-level rules have no check`);
    }
  });
});

describe('rule docs', () => {
  const docsFolder = path.join(repoRoot, 'docs', 'rules');
  const regenerate = 'regenerate them with `npm run docs`';

  it('gives every rule that checks objects a wrong and a right example', () => {
    for (const rule of rules) {
      if (rule.check) assert.ok(rule.meta.example && rule.meta.example.wrong !== rule.meta.example.right, `${rule.meta.id}: meta.example with a wrong and a right manifest`);
    }
  });

  it('has a generated page per rule in docs/rules, up to date, and no page for a rule that is gone', () => {
    for (const rule of rules) {
      const file = path.join(docsFolder, `${rule.meta.id}.md`);
      assert.ok(fs.existsSync(file), `missing docs/rules/${rule.meta.id}.md; ${regenerate}`);
      assert.equal(fs.readFileSync(file, 'utf8'), renderRuleDoc(rule), `docs/rules/${rule.meta.id}.md is stale; ${regenerate}`);
    }
    assert.equal(fs.readFileSync(path.join(docsFolder, 'README.md'), 'utf8'), renderCatalogueMarkdown(rules), `docs/rules/README.md is stale; ${regenerate}`);
    const pages = fs.readdirSync(docsFolder).filter((name) => name !== 'README.md').map((name) => name.replace(/\.md$/, ''));
    assert.deepEqual(pages.sort(), rules.map((rule) => rule.meta.id).sort());
  });

  it('keeps placeholders visible and links every rule from the index', () => {
    const page = renderRuleDoc(rules.find((rule) => rule.meta.id === 'statefulset-service-name')!);
    assert.match(page, /names no Service in namespace "&lt;namespace>"/);
    assert.match(page, /^## Wrong\n\n```yaml\nkind: Service\n/m);
    const index = renderCatalogueMarkdown(rules);
    for (const rule of rules) assert.ok(index.includes(`[\`${rule.meta.id}\`](${rule.meta.id}.md)`), rule.meta.id);
  });
});
