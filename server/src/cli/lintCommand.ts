import { lintFiles } from '../core/rules/runRules';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { positionFindings } from './findingPositions';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { loadSettings } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';

export const COMMON_OPTIONS = ['config', 'cluster-domain', 'pods', 'endpoint-pod-names', 'dns-profile', 'help'];

/** `kube-lookup lint [PATH...]`: exit 1 when any finding is at error severity. */
export function lintCommand(args: ParsedArgs, output: { stdout: (text: string) => void; stderr: (text: string) => void; color: boolean; version: string }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'rule']);
  const format = optionValue(args, 'format', ['text', 'json', 'sarif']) ?? 'text';
  const settings = loadSettings(args);
  const workspace = loadWorkspace(args.positionals, settings);
  // the CLI prints no fixes, so none are computed
  const result = lintFiles(workspace.model, undefined, { fixes: false });
  for (const failure of result.failures) output.stderr(`kube-lookup: rule ${failure.ruleId} failed on ${failure.objectId}: ${failure.error.split('\n')[0]}\n`);
  const findings = positionFindings(workspace.model, result.findings);
  const objectCount = [...workspace.model.objects()].length;
  if (format === 'json') output.stdout(formatJson(findings, workspace.fileCount, objectCount));
  else if (format === 'sarif') output.stdout(formatSarif(findings, output.version));
  else output.stdout(formatStylish(findings, workspace.fileCount, objectCount, output.color));
  return findings.some((item) => item.finding.severity === 'error') ? 1 : 0;
}
