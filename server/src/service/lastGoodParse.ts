import type { ClusterModel, ManifestFile } from '../core/model/clusterModel';
import { finishFileFindings, lintIssues } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import { TextShift } from './textShift';

/**
 * An open document whose newest text broke the YAML of a document that parsed before. Half-typed
 * YAML is a syntax error at almost every keystroke, and a broken document has no objects: were it
 * applied, every Pod a Service in it selected, every Endpoints bound to it, would light up in other
 * files and go dark again at the next keystroke. So the clusters keep the document's last good parse
 * until it parses again; only the document's own diagnostics follow its newest text: its syntax
 * errors, and the findings of the last good parse moved to where their text now stands.
 */
export class HeldDocument {
  private readonly shift: TextShift;

  constructor(
    /** The last good parse, which the clusters keep. */
    readonly lastGood: ManifestFile,
    /** The newest text's parse, with its syntax errors. */
    readonly current: ManifestFile,
  ) {
    this.shift = new TextShift(lastGood.text, current.text);
  }

  /**
   * True when a new parse of an open document should be held back: it has more syntax errors than
   * the parse the clusters hold, so a document that parsed no longer does.
   */
  static holds(applied: ManifestFile, next: ManifestFile): boolean {
    return applied.skipped === undefined && next.skipped === undefined && syntaxErrors(next) > syntaxErrors(applied);
  }

  /** The document's findings in one cluster (`findings`: those of its last good parse there), placed in its newest text. */
  findingsIn(model: ClusterModel, findings: readonly Finding[]): Finding[] {
    const result: Finding[] = [];
    lintIssues(model, this.current, result);
    for (const finding of findings) {
      if (PARSE_RULES.has(finding.ruleId)) continue;
      const moved = this.moved(finding);
      if (moved) result.push(moved);
    }
    finishFileFindings(result, 0, this.current.text);
    return result;
  }

  /**
   * A finding of the last good parse placed in the newest text: its span and the related places in
   * this document moved, its fixes dropped (they edit the old text). Undefined when it stood where
   * the text changed.
   */
  moved(finding: Finding): Finding | undefined {
    const file = this.current.file;
    let span = finding.span;
    if (finding.file === file) {
      const moved = this.shift.span(span);
      if (!moved) return undefined;
      span = moved;
    }
    const related = finding.related.flatMap((place) => {
      if (place.file !== file) return [place];
      const moved = this.shift.span(place.span);
      return moved ? [{ ...place, span: moved }] : [];
    });
    return { ...finding, span, related, fixes: finding.file === file ? [] : finding.fixes.filter((fix) => fix.edits.every((edit) => edit.file !== file)) };
  }
}

/** The rules of the parser's findings, which come from the newest text. */
const PARSE_RULES = new Set(['yaml-syntax', 'templated-file', 'file-skipped']);

function syntaxErrors(entry: ManifestFile): number {
  let count = 0;
  for (const issue of entry.issues) if (issue.ruleId === 'yaml-syntax') count += 1;
  return count;
}
