import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/rules/types';
import { longRun } from './budget';
import { analyse } from './harness';
import { corpusSeeds, projectSeeds } from './seeds';

/** Rewrites that keep a file's meaning, with where each old offset lands in the new text. */
const REWRITES: Record<string, (text: string) => { text: string; map: (offset: number) => number }> = {
  'CRLF line endings': (text) => {
    const before = prefixCounts(text, '\n');
    return { text: text.replace(/\n/g, '\r\n'), map: (offset) => offset + before[offset] };
  },
  'CR line endings (YAML line breaks, though rare)': (text) => ({ text: text.replace(/\n/g, '\r'), map: (offset) => offset }),
  'a byte-order mark': (text) => ({ text: '\uFEFF' + text, map: (offset) => offset + 1 }),
  'a leading comment': (text) => ({ text: '# generated\n' + text, map: (offset) => offset + 12 }),
};

function prefixCounts(text: string, char: string): number[] {
  const counts = [0];
  for (let index = 0; index < text.length; index++) counts.push(counts[index] + (text[index] === char ? 1 : 0));
  return counts;
}

function described(findings: readonly Finding[], map: (offset: number) => number = (offset) => offset): string[] {
  // a skipped file is reported at its start, wherever that is
  return findings.map((finding) => {
    const span = finding.ruleId === 'file-skipped' ? finding.span : { start: map(finding.span.start), end: map(finding.span.end) };
    return `${finding.ruleId} ${span.start}-${span.end} ${finding.message}`;
  });
}

describe('metamorphic: a rewrite that keeps the meaning keeps the findings, at the same text', () => {
  // every project manifest, and a sample of the corpus (all of it under `npm run fuzz`)
  const seeds = [...projectSeeds, ...corpusSeeds.filter((_, index) => longRun || index % 8 === 0)].filter((seed) => !seed.text.includes('\r'));
  for (const [name, rewrite] of Object.entries(REWRITES)) {
    it(name, () => {
      for (const seed of seeds) {
        const { text, map } = rewrite(seed.text);
        assert.deepEqual(described(analyse({ [seed.name]: text })), described(analyse({ [seed.name]: seed.text }), map), seed.name);
      }
    });
  }
});
