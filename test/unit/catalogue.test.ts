import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/rules/index';
import { fixturesRoot, repoRoot } from '../helpers/paths';

const RULES_FOLDER = path.join(repoRoot, 'server', 'src', 'core', 'rules');
/** Files in the rules folder that are machinery, not rules. */
const NOT_RULES = new Set(['index.ts', 'types.ts', 'runRules.ts', 'closestName.ts']);

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
