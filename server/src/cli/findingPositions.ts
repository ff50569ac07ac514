import * as path from 'node:path';
import type { Finding } from '../core/rules/types';
import { LineIndex } from '../core/yaml/lineIndex';

/** A finding with 1-based positions and a path relative to the current folder, as the CLI prints it. */
export interface PositionedFinding {
  readonly finding: Finding;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Places findings in the text of their files (`textOf`; a file it does not know counts as empty). */
export function positionFindings(textOf: (file: string) => string | undefined, findings: readonly Finding[]): PositionedFinding[] {
  const indexes = new Map<string, LineIndex>();
  const indexOf = (file: string): LineIndex => {
    let index = indexes.get(file);
    if (!index) {
      index = new LineIndex(textOf(file) ?? '');
      indexes.set(file, index);
    }
    return index;
  };
  return findings
    .map((finding) => {
      const index = indexOf(finding.file);
      const start = index.position(finding.span.start);
      const end = index.position(finding.span.end);
      return { finding, file: relativePath(finding.file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.finding.ruleId < b.finding.ruleId ? -1 : 1)));
}

export function relativePath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return (relative === '' ? file : relative).split(path.sep).join('/');
}
