import type { PositionedFinding } from '../findingPositions';

/** The JSON contract of `lint --format json` (DESIGN.md): stable keys, 1-based positions. */
export function formatJson(findings: readonly PositionedFinding[], fileCount: number, objectCount: number): string {
  return JSON.stringify({
    files: fileCount,
    objects: objectCount,
    findings: findings.map((item) => ({
      ruleId: item.finding.ruleId,
      severity: item.finding.severity,
      message: item.finding.message,
      file: item.file,
      line: item.line,
      column: item.column,
      endLine: item.endLine,
      endColumn: item.endColumn,
      clusters: 'clusters' in item.finding ? item.finding.clusters : [],
    })),
  }, null, 2) + '\n';
}
