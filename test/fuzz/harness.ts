import assert from 'node:assert/strict';
import { ClusterModel } from '../../server/src/core/model/clusterModel';
import { lintFiles, type LintResult } from '../../server/src/core/rules/runRules';
import type { Finding } from '../../server/src/core/rules/types';
import { parseSettings, type AnalysisSettings } from '../../server/src/core/settings';
import type { Span } from '../../server/src/core/yaml/span';

export type Workspace = Readonly<Record<string, string>>;

/** Loads files into a fresh model and touches every query the editor and the CLI make. */
export function loadModel(files: Workspace, settings: Partial<AnalysisSettings> = {}, order = Object.keys(files)): ClusterModel {
  const parsed = parseSettings(settings);
  assert.deepEqual(parsed.errors, []);
  const model = new ClusterModel(parsed.settings);
  for (const file of order) model.setFile(file, files[file]);
  for (const service of model.services()) model.backendsOf(service);
  model.pods();
  model.namespaces();
  return model;
}

/**
 * The properties every analysis must keep, whatever the input: nothing throws, no rule fails,
 * every span of a finding, related location and fix lies inside its file, and the same files give
 * the same findings (a second model, and the same model after a no-op edit).
 */
export function analyse(files: Workspace, settings: Partial<AnalysisSettings> = {}): Finding[] {
  const model = loadModel(files, settings);
  const first = lintFiles(model);
  assertSound(files, first);
  const again = lintFiles(loadModel(files, settings));
  assert.equal(canonical(again.findings), canonical(first.findings), 'a second model gave other findings');
  const [file] = Object.keys(files);
  if (file !== undefined) {
    model.setFile(file, files[file]);
    assert.equal(canonical(lintFiles(model).findings), canonical(first.findings), 're-setting a file changed the findings');
  }
  return first.findings;
}

/** No rule failed, and every span of a finding, related location and fix lies inside its file. */
export function assertSound(files: Workspace, result: LintResult): void {
  assert.deepEqual(result.failures.map((failure) => `${failure.ruleId} on ${failure.objectId}: ${failure.error}`), []);
  for (const finding of result.findings) {
    assertInside(files, finding.file, finding.span, `${finding.ruleId} finding`);
    for (const related of finding.related) assertInside(files, related.file, related.span, `${finding.ruleId} related location`);
    for (const fix of finding.fixes) for (const edit of fix.edits) assertInside(files, edit.file, edit.span, `${finding.ruleId} fix`);
    assert.ok(finding.message.length > 0, `${finding.ruleId} has an empty message`);
  }
}

export function assertInside(files: Workspace, file: string, span: Span, what: string): void {
  const text = files[file];
  assert.ok(text !== undefined, `${what} points at ${file}, which is not in the workspace`);
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: span ${JSON.stringify(span)} is not integral`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} is outside ${file} (length ${text.length})`);
}

/** Findings as comparable text: everything but object identity. */
export function canonical(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map(({ ruleId, messageId, severity, message, file, span, related, fixes }) => ({ ruleId, messageId, severity, message, file, span, related, fixes })));
}
