import assert from 'node:assert/strict';
import { lintFiles } from '../../server/src/core/rules/runRules';
import type { Finding, Fix } from '../../server/src/core/rules/types';
import { modelOf } from './modelFrom';

/** Applies a fix's edits to the files (from the end, so earlier offsets stay valid). */
export function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const result = { ...files };
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  for (const edit of edits) {
    const text = result[edit.file];
    result[edit.file] = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  }
  return result;
}

/** The findings of one rule over inline files; no rule may fail. */
export function findingsOf(files: Record<string, string>, ruleId: string): Finding[] {
  const { findings, failures } = lintFiles(modelOf(files));
  assert.deepEqual(failures, []);
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/** Lints, takes the one finding of the rule, applies its fix and checks the rule is then quiet. */
export function fixOnce(files: Record<string, string>, ruleId: string): { fixed: Record<string, string>; fix: Fix } {
  const before = findingsOf(files, ruleId);
  assert.equal(before.length, 1, `one ${ruleId} finding expected, got ${before.map((finding) => finding.message).join(' | ')}`);
  assert.equal(before[0].fixes.length, 1, 'the finding offers a fix');
  const fix = before[0].fixes[0];
  const fixed = applyFix(files, fix);
  assert.deepEqual(findingsOf(fixed, ruleId).map((finding) => finding.message), []);
  return { fixed, fix };
}
