import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { run } from '../../server/src/cli/main';
import type { LspSession } from './lspHarness';
import { messageOf } from './lspHarness';

const SEVERITY_NAMES: Readonly<Record<number, string>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * The findings of `kube-lookup lint FOLDER --format json --no-render` (an untrusted editor reads
 * Kustomize files as written; `render`: built, as a trusted editor does; `args`: more flags), run in this process, one line each:
 * `path rule-id severity line:character-line:character message`, 0-based as LSP counts, paths
 * relative to the folder, sorted. The same shape as `serverFindings`, so the two compare as lists.
 */
export function cliFindings(folder: string, options: { render?: boolean; args?: readonly string[] } = {}): string[] {
  let stdout = '';
  // rendered messages name files relative to where the CLI runs, as the editor names them relative to the folder
  const cwd = process.cwd();
  if (options.render) process.chdir(folder);
  try {
    run(['lint', options.render ? '.' : folder, '--format', 'json', options.render ? '--no-render-cache' : '--no-render', ...(options.args ?? [])], { stdout: (text) => void (stdout += text), stderr: () => undefined, color: false });
  } finally {
    process.chdir(cwd);
  }
  const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number }[] };
  return report.findings
    .map((finding) => `${path.relative(folder, path.resolve(options.render ? folder : cwd, finding.file))} ${finding.ruleId} ${finding.severity} ${finding.line - 1}:${finding.column - 1}-${finding.endLine - 1}:${finding.endColumn - 1} ${finding.message}`)
    .sort();
}

/** The diagnostics the server last published for files under the folder, in the shape of `cliFindings`. */
export function serverFindings(session: LspSession, folder: string): string[] {
  const lines: string[] = [];
  for (const [uri, diagnostics] of session.diagnostics) {
    const file = fileURLToPath(uri);
    if (!file.startsWith(folder + path.sep)) continue;
    for (const diagnostic of diagnostics) {
      const { start, end } = diagnostic.range;
      lines.push(`${path.relative(folder, file)} ${diagnostic.code} ${SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error]} ${start.line}:${start.character}-${end.line}:${end.character} ${messageOf(diagnostic)}`);
    }
  }
  return lines.sort();
}
