import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import type { Finding } from '../core/rules/types';
import { DISABLE_NEXT_LINE } from '../protocol';
import { toDiagnostic, type RuleDocUrl } from './diagnostics';
import { lineStartAt, offsetToPosition, spanToRange } from './positions';

/** Quick fixes for the findings in a range: the rules' own fixes, then "disable for this line". */
export function codeActions(model: ClusterModel, uri: string, range: Range, findings: readonly Finding[], contextDiagnostics: readonly Diagnostic[], ruleDocUrl: RuleDocUrl): CodeAction[] {
  const entry = model.file(uri);
  if (!entry) return [];
  const actions: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const finding of findings) {
    const findingRange = spanToRange(uri, entry.text, finding.span);
    if (!overlaps(findingRange, range)) continue;
    const diagnostic = contextDiagnostics.find((candidate) => candidate.code === finding.ruleId && sameRange(candidate.range, findingRange)) ?? toDiagnostic((file) => model.file(file)?.text, finding, ruleDocUrl);
    for (const fix of finding.fixes) {
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of fix.edits) {
        const text = model.file(edit.file)?.text ?? '';
        (changes[edit.file] ??= []).push({ range: spanToRange(edit.file, text, edit.span), newText: edit.newText });
      }
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: finding.fixes.length === 1, edit: { changes } });
    }
    // JSON has no comments; a finding at offset 0 of a skipped file has no line to silence
    const key = `${finding.ruleId}:${findingRange.start.line}`;
    if (!uri.toLowerCase().endsWith('.json') && !disabled.has(key) && finding.ruleId !== 'file-skipped') {
      disabled.add(key);
      const line = lineStartAt(uri, entry.text, finding.span.start);
      const at = offsetToPosition(uri, entry.text, line.start);
      disables.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: `${line.indent}# ${DISABLE_NEXT_LINE} ${finding.ruleId}\n` }] } },
      });
    }
  }
  return [...actions, ...disables];
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
