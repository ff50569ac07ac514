import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../../server/src/core/rules/index';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';
import { fixturesRoot } from '../../helpers/paths';

/**
 * Every rule is run over its fixtures. In `invalid/` files, a line that should be flagged carries
 * `# expect: <rule-id> "<flagged text>"`: the finding must start on that line and cover exactly
 * that text. `valid/` files must give the rule nothing.
 */
const EXPECT = /# expect: ([a-z0-9-]+) "([^"]*)"/g;

function expectations(text: string, ruleId: string): string[] {
  const result: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(EXPECT)) if (match[1] === ruleId) result.push(`${index + 1}: ${match[2]}`);
  });
  return result.sort();
}

function fixtureFiles(ruleId: string, kind: 'valid' | 'invalid'): string[] {
  const folder = path.join(fixturesRoot, 'rules', ruleId, kind);
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => /\.(ya?ml|json)$/.test(name)).map((name) => path.join(folder, name)) : [];
}

for (const rule of rules) {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    for (const file of fixtureFiles(id, 'invalid')) {
      it(`flags invalid/${path.basename(file)} at the marked places`, () => {
        const text = fs.readFileSync(file, 'latin1');
        const model = modelOf({ [file]: text });
        const { findings, failures } = lintFiles(model);
        assert.deepEqual(failures, []);
        const actual = findings
          .filter((finding) => finding.ruleId === id)
          .map((finding) => `${text.slice(0, finding.span.start).split('\n').length}: ${text.slice(finding.span.start, finding.span.end)}`)
          .sort();
        const expected = expectations(text, id);
        assert.ok(expected.length > 0, 'an invalid fixture must mark at least one expected finding');
        assert.deepEqual(actual, expected);
      });
    }
    for (const file of fixtureFiles(id, 'valid')) {
      it(`accepts valid/${path.basename(file)}`, () => {
        const model = modelOf({ [file]: fs.readFileSync(file, 'latin1') });
        const { findings, failures } = lintFiles(model);
        assert.deepEqual(failures, []);
        assert.deepEqual(findings.filter((finding) => finding.ruleId === id).map((finding) => finding.message), []);
      });
    }
  });
}
