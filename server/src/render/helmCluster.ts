import * as path from 'node:path';
import { asSupportFile, ClusterModel, type ManifestFile } from '../core/model/clusterModel';
import { rulesById } from '../core/rules/index';
import { effectiveSeverity, formatMessage } from '../core/rules/runRules';
import { isSuppressed, lineOf, scanSuppressions } from '../core/rules/suppressions';
import type { Finding } from '../core/rules/types';
import type { AnalysisSettings } from '../core/settings';
import { holdsWholeCluster, type ApplyUnit } from '../core/units/applyUnit';
import { mapHelmFindings } from '../core/units/helmFindings';
import type { HelmRendering } from './renderHelmUnit';

/** One Helm chart as its own cluster, rendered or not, as the CLI and the editor both check it. */
export interface HelmCluster {
  /** The chart, with the rendered files whose template was not read (a subchart in an archive) among its files. */
  readonly unit: ApplyUnit;
  readonly model: ClusterModel;
  /** False when the chart is not rendered and some templates are not plain YAML (see holdsWholeCluster). */
  readonly whole: boolean;
  /** The `helm-not-rendered` finding of a chart that is not rendered (unless the rule is off). */
  readonly notes: readonly Finding[];
  /** Puts the model's findings on the files as written: template lines for a rendered chart; no `templated-file` per template otherwise. */
  readonly mapFindings: (findings: readonly Finding[]) => Finding[];
}

/**
 * The cluster of one Helm chart (files named by path): when rendered (see renderHelmUnit.ts), its
 * model holds the rendered documents filed under their templates and its findings go back to the
 * template lines; when not, its plain-YAML templates are read as written and one `helm-not-rendered`
 * finding on its `Chart.yaml` stands for a `templated-file` finding per template. Rendered files
 * whose template was not read are added to `files` (so findings on them can be placed).
 */
export function helmCluster(unit: ApplyUnit, rendering: HelmRendering, files: Map<string, ManifestFile>, settings: AnalysisSettings, display: (file: string) => string): HelmCluster {
  const model = new ClusterModel(settings);
  if (rendering.rendered) {
    for (const entry of rendering.files) model.setParsedFile(entry);
    const renderedNames = new Set(rendering.files.map((entry) => entry.file));
    // values.yaml, Chart.yaml, a template that rendered nothing: their syntax still counts
    for (const file of unit.files) if (!renderedNames.has(file)) model.setParsedFile(asSupportFile(withoutTemplatedNote(files.get(file)!)));
    for (const entry of rendering.unread) if (!files.has(entry.file)) files.set(entry.file, entry);
    const whole: ApplyUnit = { ...unit, files: [...unit.files, ...rendering.unread.map((entry) => entry.file).filter((file) => !unit.files.includes(file))] };
    return { unit: whole, model, whole: true, notes: [], mapFindings: (findings) => mapHelmFindings(findings, rendering.sources, { files: rendering.values, display }) };
  }
  for (const file of unit.files) model.setParsedFile(files.get(file)!);
  const templated = (file: string): boolean => files.get(file)!.issues.some((issue) => issue.ruleId === 'templated-file');
  const note = helmNotRenderedFinding(model, unit, files, rendering.reason.messageId, rendering.reason.data);
  return { unit, model, whole: holdsWholeCluster(unit, templated), notes: note ? [note] : [], mapFindings: (findings) => withoutTemplatedFindings(unit, findings) };
}

/** A chart's findings without the `templated-file` findings on its files: one `helm-not-rendered` finding for the chart says its templates are not read. */
export function withoutTemplatedFindings(unit: ApplyUnit, findings: readonly Finding[]): Finding[] {
  const members = new Set(unit.files);
  return findings.filter((finding) => !(finding.ruleId === 'templated-file' && members.has(finding.file)));
}

function withoutTemplatedNote(entry: ManifestFile): ManifestFile {
  return entry.issues.some((issue) => issue.ruleId === 'templated-file') ? { ...entry, issues: entry.issues.filter((issue) => issue.ruleId !== 'templated-file') } : entry;
}

/** The `helm-not-rendered` finding, unless the rule is off: on the `name:` of the chart's Chart.yaml (its first line when it has none). */
function helmNotRenderedFinding(model: ClusterModel, unit: ApplyUnit, files: ReadonlyMap<string, ManifestFile>, messageId: string, data: Readonly<Record<string, string>>): Finding | undefined {
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
