import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../core/rules/types';
import type { Severity } from '../core/settings';

/**
 * The most diagnostics the server publishes for one file. VS Code shows no more than 1,000 problems
 * per file whatever a server sends (it drops the rest and says how many), so a file of 14,000
 * findings cost a message of megabytes, and its conversion and garbage, for nothing the editor
 * shows. The CLI lists every finding.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1_000;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * The findings of a file that become diagnostics: all of them up to the cap; past it, the most
 * severe first (errors, then warnings, …), each severity in the order the file's findings come,
 * and the ones kept in that order too.
 */
export function shownFindings(findings: readonly Finding[], cap = MAX_DIAGNOSTICS_PER_FILE): readonly Finding[] {
  if (findings.length <= cap) return findings;
  const counts = [0, 0, 0, 0];
  for (const finding of findings) counts[RANK[finding.severity]] += 1;
  // the least severe rank that still gets in, and how many of that rank do
  let room = cap;
  let lastRank = 0;
  while (lastRank < counts.length - 1 && counts[lastRank] < room) room -= counts[lastRank++];
  return findings.filter((finding) => {
    const rank = RANK[finding.severity];
    if (rank < lastRank) return true;
    if (rank > lastRank || room === 0) return false;
    room -= 1;
    return true;
  });
}

/** The one diagnostic, on the file's first line, that says how many findings are not shown and where all are. */
export function cappedDiagnostic(text: string, total: number, shown: number, source: string): Diagnostic {
  const firstLine = /^[^\r\n]*/.exec(text)![0].length;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine } },
    severity: DiagnosticSeverity.Information,
    source,
    message: `${count(total)} findings in this file; the editor is sent the first ${count(shown)}, most severe first (${count(total - shown)} more not shown). \`kube-lookup lint\` lists them all.`,
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
