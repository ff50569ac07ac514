import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closestName, editDistance, MAX_SUGGESTION_LENGTH } from '../../../server/src/core/rules/closestName';

/** The textbook full-table Levenshtein distance, to check the banded one against. */
function fullDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

function cpuMillis(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('closestName: "did you mean" in time bounded by the longest valid name', () => {
  it('gives the exact distance within the cutoff, and cutoff + 1 beyond it', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 14 });
    fc.assert(fc.property(name, name, fc.integer({ min: 0, max: 16 }), (a, b, cutoff) => {
      const exact = fullDistance(a, b);
      assert.equal(editDistance(a, b), exact);
      assert.equal(editDistance(a, b, cutoff), exact <= cutoff ? exact : cutoff + 1);
    }), { seed: 20261204, numRuns: 2_000 });
  });

  it('still suggests the nearest name, ties broken by name', () => {
    assert.equal(closestName('databse', ['database', 'cache', 'databases']), 'database');
    assert.equal(closestName('web', ['wab', 'wub']), 'wab');
    assert.equal(closestName('web', ['cache']), undefined);
  });

  it('prefers a candidate within its own allowance to a nearer-looking one outside it', () => {
    // "ab" may be 2 edits away, "abcdefgh" 2 as well (8 / 3); "xy" is 2 edits from "ab" and allowed
    assert.equal(closestName('ab', ['xy', 'abcdefgh']), 'xy');
  });

  it('makes no suggestion for, or of, a name longer than Kubernetes allows', () => {
    const valid = 'a'.repeat(MAX_SUGGESTION_LENGTH);
    assert.equal(closestName(valid.slice(1) + 'b', [valid]), valid);
    const long = 'a'.repeat(MAX_SUGGESTION_LENGTH + 1);
    assert.equal(closestName(long.slice(1) + 'b', [long]), undefined);
    assert.equal(closestName(long, ['a']), undefined);
  });

  it('answers for 30,000- and 1,000,000-character names at once (6.8 s and a hang before)', () => {
    const ms = cpuMillis(() => {
      for (const length of [30_000, 1_000_000]) {
        const name = 'a'.repeat(length);
        assert.equal(closestName(name.slice(1) + 'b', [name, name + 'c']), undefined);
        assert.equal(editDistance(name, name.slice(1) + 'b', 3), 1);
        assert.equal(editDistance(name, 'b'.repeat(length), 3), 4);
      }
    });
    assert.ok(ms < 2_000, `${ms} ms`);
  });
});
