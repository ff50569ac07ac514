import { rulesById } from '../core/rules/index';
import { enabledObjectRules, lintFiles } from '../core/rules/runRules';
import { mapRenderedFindings } from '../core/units/renderedFindings';
import { mergeUnitFindings } from '../core/units/unitFindings';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { positionFindings } from './findingPositions';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace, selectUnits } from './loadWorkspace';

export const COMMON_OPTIONS = ['config', 'cluster', 'cluster-domain', 'pods', 'endpoint-pod-names', 'dns-profile', 'corefile', 'no-render', 'no-render-cache', 'help'];

/** Kustomize roots are built unless `--no-render` says not to, with builds kept in the user's cache unless `--no-render-cache` (see render/). */
export function renderOption(args: ParsedArgs): { render: boolean; renderCache: boolean } {
  return { render: !args.options.has('no-render'), renderCache: !args.options.has('no-render-cache') };
}

/** `kube-lookup lint [PATH...]`: exit 1 when any finding is at error severity. */
export function lintCommand(args: ParsedArgs, output: { stdout: (text: string) => void; stderr: (text: string) => void; color: boolean; version: string }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'rule']);
  const format = optionValue(args, 'format', ['text', 'json', 'sarif']) ?? 'text';
  const workspace = loadWorkspace(args.positionals, loadConfiguration(args), renderOption(args));
  const units = selectUnits(workspace, optionValue(args, 'cluster'));
  const failures = new Set<string>();
  // each apply unit is its own cluster; a file's findings are those of every unit it belongs to
  const perUnit = units.map(({ unit, model, whole, rendered, notes, mapFindings }) => {
    // the CLI prints no fixes, so none are computed
    const result = lintFiles(model, undefined, { fixes: false, wholeCluster: whole });
    for (const failure of result.failures) failures.add(`kube-lookup: rule ${failure.ruleId} failed on ${failure.objectId}: ${failure.error.split('\n')[0]}\n`);
    const ran = new Set(enabledObjectRules(model, { wholeCluster: whole }).map((rule) => rule.meta.id));
    // a rendered unit's findings stand in kustomize's output until put back on the files as written
    // a rendered chart's and the standard input's, in Helm's or Kustomize's output until put back on the templates
    const findings = [...notes, ...(rendered ? mapRenderedFindings(result.findings, rendered) : mapFindings ? mapFindings(result.findings) : result.findings)];
    return { unit, findings, ran: (ruleId: string) => ran.has(ruleId) || !rulesById.get(ruleId)?.check };
  });
  for (const failure of failures) output.stderr(failure);
  const merged = mergeUnitFindings(perUnit, (file) => workspace.unitsOf(file).filter((name) => units.some(({ unit }) => unit.name === name)));
  const findings = positionFindings((file) => workspace.textOf(file), merged);
  const objectFiles = new Set(units.flatMap(({ unit }) => unit.files));
  // a template counts the objects rendered from it
  const objectCount = [...objectFiles].reduce((count, file) => count + Math.max(workspace.files.get(file)?.objects.length ?? 0, ...units.map(({ model, mapFindings }) => (mapFindings ? (model.file(file)?.objects.length ?? 0) : 0))), 0);
  if (format === 'json') output.stdout(formatJson(findings, workspace.fileCount, objectCount));
  else if (format === 'sarif') output.stdout(formatSarif(findings, output.version));
  else output.stdout(formatStylish(findings, workspace.fileCount, objectCount, output.color));
  return findings.some((item) => item.finding.severity === 'error') ? 1 : 0;
}
