import * as path from 'node:path';
import type { ManifestFile } from '../core/model/clusterModel';
import { lintFiles } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import type { AnalysisSettings } from '../core/settings';
import type { ApplyUnit } from '../core/units/applyUnit';
import type { ConfiguredChart } from '../core/units/helmCharts';
import { helmCluster } from '../render/helmCluster';
import type { HelmNotRendered, HelmRenderContext, HelmRendering } from '../render/renderHelmUnit';
import { filePathOf, filesAsPaths, findingsByUri } from './filesAsPaths';

/** A Helm chart of the editor as `helm template` rendered it: what helm printed, and the findings put back on the templates. */
export interface RenderedChart {
  readonly rendered: true;
  readonly kind: 'helm';
  /** What helm printed. */
  readonly output: string;
  /** The findings of the rendered chart by the URI of the file they land on, mapped as the CLI maps them. */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
}

/** A Helm chart read as written: the `helm-not-rendered` finding on its Chart.yaml says why (unless the rule is off). */
export interface UnrenderedChart {
  readonly rendered: false;
  readonly kind: 'helm';
  readonly reason: HelmNotRendered;
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
}

export type ChartRenderState = RenderedChart | UnrenderedChart;

/**
 * One of the editor's Helm charts in the CLI's terms: its files named by their paths (as helm's
 * `# Source:` lines and the CLI name them), in the folder the CLI would run in.
 */
export interface ChartInPaths {
  readonly unit: ApplyUnit;
  readonly files: ReadonlyMap<string, ManifestFile>;
  readonly toUri: (file: string) => string;
  /** What renderHelmUnit needs, less helm itself and whether rendering is off. */
  readonly context: Omit<HelmRenderContext, 'helm' | 'disabled'>;
}

/** The chart's unit and files by path, and how renderHelmUnit is to render it (the `charts:` of the folder's `.kube-lookup.yaml`). */
export function chartInPaths(unit: ApplyUnit, entries: ReadonlyMap<string, ManifestFile>, settings: AnalysisSettings, folderUri: string, charts: readonly ConfiguredChart[]): ChartInPaths {
  const root = unit.root === undefined ? undefined : filePathOf(unit.root);
  const inChart = root === undefined ? undefined : `${unit.root!.replace(/\/\.?$/, '')}/`;
  // the chart's files, and those of the subcharts in its charts/ folder (helm renders them too, and their findings go there)
  const uris = new Set([...unit.files, ...unit.support]);
  if (inChart !== undefined) for (const uri of entries.keys()) if (uri.startsWith(inChart)) uris.add(uri);
  const { files, toPath, toUri } = filesAsPaths(uris, entries);
  const asPaths: ApplyUnit = {
    ...unit,
    root: root === undefined ? undefined : path.resolve(root),
    files: unit.files.filter((uri) => toPath.has(uri)).map((uri) => toPath.get(uri)!),
    support: unit.support.filter((uri) => toPath.has(uri)).map((uri) => toPath.get(uri)!),
  };
  const folder = filePathOf(folderUri) ?? '/';
  return {
    unit: asPaths,
    files,
    toUri,
    context: { settings, files, charts, chartsFolder: folder, messagesBase: folder },
  };
}

/**
 * What the editor shows for a chart, with the CLI's code (render/helmCluster.ts): rendered, the
 * chart's cluster is linted whole and its findings mapped to the template lines; not rendered,
 * only the `helm-not-rendered` note is the chart's own (the unit's session checks the files as
 * written). Every finding goes back to the URI of its file; messages name files relative to the
 * workspace folder, as the CLI run in that folder does.
 */
export function chartRenderState(chart: ChartInPaths, rendering: HelmRendering): ChartRenderState {
  const folder = chart.context.chartsFolder;
  const cluster = helmCluster(chart.unit, rendering, new Map(chart.files), chart.context.settings, (file) => path.relative(folder, file) || '.');
  const findings = rendering.rendered
    ? [...cluster.notes, ...cluster.mapFindings(lintFiles(cluster.model, undefined, { fixes: false, wholeCluster: cluster.whole }).findings)]
    : cluster.notes;
  const byUri = findingsByUri(findings, chart.toUri);
  return rendering.rendered ? { rendered: true, kind: 'helm', output: rendering.output, findings: byUri } : { rendered: false, kind: 'helm', reason: rendering.reason, findings: byUri };
}

