import * as path from 'node:path';
import { asSupportFile, ClusterModel, type ManifestFile } from '../core/model/clusterModel';
import { rulesById } from '../core/rules/index';
import { effectiveSeverity, formatMessage } from '../core/rules/runRules';
import { isSuppressed, lineOf, scanSuppressions } from '../core/rules/suppressions';
import type { Finding } from '../core/rules/types';
import { holdsWholeCluster, type ApplyUnit } from '../core/units/applyUnit';
import { mapHelmFindings } from '../core/units/helmFindings';
import { findHelm } from '../render/helmTool';
import { renderHelmUnit } from '../render/renderHelmUnit';
import { relativePath } from './findingPositions';
import type { Configuration } from './loadSettings';
import type { LoadedUnit } from './loadWorkspace';

/** What loading the Helm charts of a workspace shares. */
export interface HelmLoad {
  readonly render: boolean;
  readonly configuration: Configuration;
  /** Every file read; files rendered from templates that were not read are added (so findings on them can be placed). */
  readonly files: Map<string, ManifestFile>;
  /** The helm found on PATH, looked for once. */
  helm?: { readonly program: string | undefined };
}

/**
 * One Helm chart as its own cluster: rendered with `helm template` (see render/renderHelmUnit.ts),
 * its model holding the rendered documents filed under their templates and its findings mapped back
 * to the template lines; or not rendered, its plain-YAML templates read as written and one
 * `helm-not-rendered` finding on its `Chart.yaml` instead of a `templated-file` finding per template.
 */
export function helmUnit(unit: ApplyUnit, load: HelmLoad): LoadedUnit {
  const model = new ClusterModel(load.configuration.settingsOf(unit));
  const { files } = load;
  if (load.render) load.helm ??= { program: findHelm() };
  const rendering = renderHelmUnit(unit, {
    helm: load.helm?.program,
    disabled: !load.render,
    settings: model.settings,
    files,
    charts: load.configuration.charts,
    chartsFolder: load.configuration.clustersFolder,
  });
  if (rendering.rendered) {
    for (const entry of rendering.files) model.setParsedFile(entry);
    const renderedNames = new Set(rendering.files.map((entry) => entry.file));
    // values.yaml, Chart.yaml, a template that rendered nothing: their syntax still counts
    for (const file of unit.files) if (!renderedNames.has(file)) model.setParsedFile(asSupportFile(withoutTemplatedNote(files.get(file)!)));
    for (const entry of rendering.unread) if (!files.has(entry.file)) files.set(entry.file, entry);
    const whole: ApplyUnit = { ...unit, files: [...unit.files, ...rendering.unread.map((entry) => entry.file).filter((file) => !unit.files.includes(file))] };
    return { unit: whole, model, whole: true, notes: [], mapFindings: (findings) => mapHelmFindings(findings, rendering.sources, { files: rendering.values, display: relativePath }) };
  }
  for (const file of unit.files) model.setParsedFile(files.get(file)!);
  const templated = (file: string): boolean => files.get(file)!.issues.some((issue) => issue.ruleId === 'templated-file');
  const note = notRenderedFinding(model, unit, files, rendering.reason.messageId, rendering.reason.data);
  const members = new Set(unit.files);
  return {
    unit,
    model,
    whole: holdsWholeCluster(unit, templated),
    notes: note ? [note] : [],
    // one finding for the chart says its templates are not read: none per template
    mapFindings: (findings) => findings.filter((finding) => !(finding.ruleId === 'templated-file' && members.has(finding.file))),
  };
}

function withoutTemplatedNote(entry: ManifestFile): ManifestFile {
  return entry.issues.some((issue) => issue.ruleId === 'templated-file') ? { ...entry, issues: entry.issues.filter((issue) => issue.ruleId !== 'templated-file') } : entry;
}

/** The `helm-not-rendered` finding, unless the rule is off: on the `name:` of the chart's Chart.yaml (its first line when it has none). */
function notRenderedFinding(model: ClusterModel, unit: ApplyUnit, files: ReadonlyMap<string, ManifestFile>, messageId: string, data: Readonly<Record<string, string>>): Finding | undefined {
  const rule = rulesById.get('helm-not-rendered')!;
  const severity = effectiveSeverity(model, rule);
  if (!severity) return undefined;
  const chartFile = unit.files.find((file) => path.basename(file) === 'Chart.yaml' && path.dirname(file) === path.normalize(unit.root!)) ?? path.join(unit.root!, 'Chart.yaml');
  const text = files.get(chartFile)?.text ?? '';
  const name = /^name:[ \t]*["']?([^"'\s#]+)/m.exec(text);
  const span = name ? { start: name.index + name[0].length - name[1].length, end: name.index + name[0].length } : { start: 0, end: 0 };
  // `# kube-lookup-disable-next-line helm-not-rendered` (or -file) in Chart.yaml, as for any finding
  if (isSuppressed(scanSuppressions(text), rule.meta.id, lineOf(text, span))) return undefined;
  return { ruleId: rule.meta.id, messageId, severity, message: formatMessage(rule.meta.messages[messageId], data), file: chartFile, span, related: [], fixes: [] };
}
