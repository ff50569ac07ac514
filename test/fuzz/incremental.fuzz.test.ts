import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel } from '../../server/src/core/model/clusterModel';
import { lintFiles } from '../../server/src/core/rules/runRules';
import type { Finding } from '../../server/src/core/rules/types';
import { defaultSettings } from '../../server/src/core/settings';
import { fuzzParameters } from './budget';
import { assertSound, loadModel } from './harness';
import { applyMutations, mutation } from './mutations';
import { allSeeds } from './seeds';

/** Findings as a sorted list: the order files were opened in must not matter, only what they hold. */
function sortedFindings(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.file} ${finding.span.start}-${finding.span.end} ${finding.ruleId} ${finding.message} ${JSON.stringify(finding.related)} ${JSON.stringify(finding.fixes)}`).sort();
}

const edit = fc.record({
  file: fc.constantFrom('a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'),
  seed: fc.nat({ max: allSeeds.length - 1 }),
  damage: fc.array(mutation, { maxLength: 2 }),
  remove: fc.boolean(),
});

describe('fuzz: edits in any order converge', () => {
  it('a model edited file by file ends with the findings of a fresh model of the final files, in any load order', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const model = new ClusterModel(defaultSettings);
        const final = new Map<string, string>();
        for (const { file, seed, damage, remove } of edits) {
          if (remove) {
            model.removeFile(file);
            final.delete(file);
          } else {
            const text = applyMutations(allSeeds[seed].text, damage);
            model.setFile(file, text);
            final.set(file, text);
          }
          // the editor asks between edits; cached answers must not outlive the edit
          lintFiles(model);
        }
        const files = Object.fromEntries(final);
        const incremental = lintFiles(model);
        assertSound(files, incremental);
        const names = [...final.keys()];
        assert.deepEqual(sortedFindings(incremental.findings), sortedFindings(lintFiles(loadModel(files, {}, [...names].sort())).findings), 'fresh model, sorted order');
        assert.deepEqual(sortedFindings(incremental.findings), sortedFindings(lintFiles(loadModel(files, {}, [...names].sort().reverse())).findings), 'fresh model, reversed order');
      }),
      fuzzParameters('edit sequences', 100),
    );
  });
});
