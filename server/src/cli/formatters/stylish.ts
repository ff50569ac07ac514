import type { PositionedFinding } from '../findingPositions';

/** ESLint's "stylish" layout: findings grouped by file, rule id last, a summary line. */
export function formatStylish(findings: readonly PositionedFinding[], fileCount: number, objectCount: number, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  let current: string | undefined;
  const positionWidth = Math.max(0, ...findings.map((item) => `${item.line}:${item.column}`.length));
  const severityWidth = Math.max(0, ...findings.map((item) => item.finding.severity.length));
  for (const item of findings) {
    if (item.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(paint('4', item.file));
      current = item.file;
    }
    const severity = item.finding.severity.padEnd(severityWidth);
    const colored = item.finding.severity === 'error' ? paint('31', severity) : item.finding.severity === 'warning' ? paint('33', severity) : paint('36', severity);
    lines.push(`  ${paint('2', `${item.line}:${item.column}`.padEnd(positionWidth))}  ${colored}  ${item.finding.message}  ${paint('2', item.finding.ruleId)}`);
  }
  const count = (severity: string): number => findings.filter((item) => item.finding.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const hints = count('hint');
  if (findings.length > 0) lines.push('');
  const scope = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}, ${objectCount} ${objectCount === 1 ? 'object' : 'objects'}`;
  if (findings.length === 0) {
    lines.push(paint('32', `✔ no problems (${scope})`));
  } else {
    const parts = [`${errors} ${errors === 1 ? 'error' : 'errors'}`, `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`];
    if (infos > 0) parts.push(`${infos} info`);
    if (hints > 0) parts.push(`${hints} ${hints === 1 ? 'hint' : 'hints'}`);
    const summary = `✖ ${findings.length} ${findings.length === 1 ? 'problem' : 'problems'} (${parts.join(', ')}) in ${scope}`;
    lines.push(paint(errors > 0 ? '31;1' : '33;1', summary));
  }
  return lines.join('\n') + '\n';
}
