import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { lintFiles } from '../../server/src/core/rules/runRules';
import { countInputs, fuzzParameters, longRun } from './budget';
import { fullWorkspace, pathsOf, replaceAt } from './fullWorkspace';
import { analyse, assertSound, canonical, loadModel } from './harness';

/** A value of each JSON type, plus the edge cases of the types the model expects. */
const WRONG = [1, 'x', null, {}, []];
const WRONG_LONG_EXTRA = [true];
const WRONG_LONG = [...WRONG, ...WRONG_LONG_EXTRA, -1, 0, 1.5, 2 ** 53 + 2, '', ' ', 'None', '1', { a: 1 }, [1, 'x'], [null], [[]], { '': '' }, 'x'.repeat(10_000), '\u0000', '\uD800'];

const fileOf = (index: number): string => `ws/${String(index).padStart(2, '0')}.yaml`;
const textOf = (object: unknown): string => stringify(object, { aliasDuplicateObjects: false });

describe('fuzz: wrong types in every field the model reads', () => {
  const objects = fullWorkspace();
  const files = Object.fromEntries(objects.map((object, index) => [fileOf(index), textOf(object)]));

  it('the full workspace itself is read whole (the baseline the replacements damage)', () => {
    const findings = analyse(files);
    assert.deepEqual(findings.filter((finding) => ['yaml-syntax', 'file-skipped', 'templated-file'].includes(finding.ruleId)), []);
    assert.equal([...loadModel(files).objects()].length, objects.length);
  });

  it('replaces every field of every object with wrong types, one at a time, as edits to one model', () => {
    const values = longRun ? WRONG_LONG : WRONG;
    const model = loadModel(files);
    const baseline = canonical(lintFiles(model).findings);
    let tried = 0;
    let rotation = 0;
    objects.forEach((object, index) => {
      const file = fileOf(index);
      for (const path of pathsOf(object)) {
        // under npm test each field gets two of the wrong types in turn; the long run gives every field all of them
        rotation += 1;
        for (const value of longRun ? values : [values[rotation % values.length], values[(rotation + 2) % values.length]]) {
          const damaged = { ...files, [file]: textOf(replaceAt(object, path, value)) };
          try {
            model.setFile(file, damaged[file]);
            for (const service of model.services()) model.backendsOf(service);
            assertSound(damaged, lintFiles(model));
          } catch (error) {
            assert.fail(`${(object as { kind: string }).kind} ${path.join('.')} = ${JSON.stringify(value)}: ${(error as Error).message}`);
          }
          tried += 1;
        }
      }
      // undoing every edit must converge on the findings of the undamaged workspace
      model.setFile(file, files[file]);
      assert.equal(canonical(lintFiles(model).findings), baseline, `after undoing the edits to ${file}`);
    });
    countInputs('wrong type per field', tried);
    assert.ok(tried > 250, `only ${tried} replacements`);
  });

  it('replaces random fields with arbitrary values, several at once', () => {
    const all = objects.flatMap((object, index) => pathsOf(object).map((path) => ({ index, path })));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: all.length - 1 }), fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 3 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const damaged: unknown[] = [...objects];
        for (const [choice, value] of edits) {
          const { index, path } = all[choice];
          damaged[index] = replaceAt(damaged[index], path, value);
        }
        analyse(Object.fromEntries(damaged.map((object, index) => [fileOf(index), textOf(object)])));
      }),
      fuzzParameters('arbitrary values in fields', 40),
    );
  });
});
