import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliPath } from '../helpers/paths';
import { LspSession, messageOf, uriOf } from '../lsp/lspHarness';

/**
 * The findings of a folder as `file:line:column-endLine:endColumn severity rule message`, sorted,
 * paths relative to the folder: the CLI's and the language server's, to compare one with the other.
 */
export interface FolderFindings {
  readonly files: number;
  readonly findings: string[];
}

export function findingsOfCli(folder: string): FolderFindings {
  const result = spawnSync(process.execPath, [cliPath, 'lint', '.', '--format', 'json'], { cwd: folder, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(result.status === 0 || result.status === 1, `the CLI exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { files: number; findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number }[] };
  const findings = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.severity} ${finding.ruleId} ${finding.message}`);
  return { files: report.files, findings: findings.sort() };
}

export async function findingsOfServer(folder: string): Promise<FolderFindings> {
  const session = await LspSession.start([folder], {}, 60_000);
  try {
    const severities = ['', 'error', 'warning', 'info', 'hint'];
    const prefix = uriOf(folder) + '/';
    const findings = [...session.diagnostics].flatMap(([uri, diagnostics]) => diagnostics.map((diagnostic) => {
      const { start, end } = diagnostic.range;
      return `${decodeURIComponent(uri.slice(prefix.length))}:${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${severities[diagnostic.severity ?? 0]} ${String(diagnostic.code)} ${messageOf(diagnostic)}`;
    }));
    return { files: session.statuses[session.statuses.length - 1].files, findings: findings.sort() };
  } finally {
    await session.dispose();
  }
}
