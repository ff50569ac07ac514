import { rules } from '../../core/rules/index';
import type { PositionedFinding } from '../findingPositions';

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning uploads in CI. */
export function formatSarif(findings: readonly PositionedFinding[], version: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: {
        driver: {
          name: 'kube-lookup',
          version,
          rules: rules.map((rule) => ({
            id: rule.meta.id,
            shortDescription: { text: rule.meta.description },
            help: { text: rule.meta.remediation },
            defaultConfiguration: { level: SARIF_LEVEL[rule.meta.severity] },
          })),
        },
      },
      results: findings.map((item) => ({
        ruleId: item.finding.ruleId,
        ruleIndex: ruleIndex.get(item.finding.ruleId),
        level: SARIF_LEVEL[item.finding.severity],
        message: { text: item.finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: item.file }, region: { startLine: item.line, startColumn: item.column, endLine: item.endLine, endColumn: item.endColumn } } }],
      })),
    }],
  }, null, 2) + '\n';
}
