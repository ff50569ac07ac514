import * as path from 'node:path';
import { readManifestFile, type ManifestFile } from '../core/model/clusterModel';
import type { AnalysisSettings } from '../core/settings';
import type { ApplyUnit } from '../core/units/applyUnit';
import type { ConfiguredChart } from '../core/units/helmCharts';
import type { HelmRenderedFile } from '../core/units/helmFindings';
import { pathInChart, splitHelmOutput } from '../core/units/helmOutput';
import { baseName } from '../core/units/workspacePath';
import { readManifestFileSync } from '../files/manifestRead';
import { missingDependency, readChartFacts } from './helmChart';
import { renderHelmChart, renderHelmChartAsync, type HelmRelease, type HelmTemplate } from './runHelm';
import type { RenderLimits } from './runKustomize';

/** Why a chart was not rendered: the message id and data of its `helm-not-rendered` finding. */
export interface HelmNotRendered {
  readonly messageId: 'noTool' | 'disabled' | 'untrusted' | 'missingDependency' | 'failed' | 'library';
  readonly data: Readonly<Record<string, string>>;
}

export type HelmRendering =
  | {
      readonly rendered: true;
      /** What helm printed. */
      readonly output: string;
      /** The rendered documents, one file per template, named as the template. */
      readonly files: readonly ManifestFile[];
      /** Rendered files whose template was not read (a subchart in an archive): they stand for themselves. */
      readonly unread: readonly ManifestFile[];
      readonly sources: ReadonlyMap<string, HelmRenderedFile>;
      readonly release: HelmRelease;
      /** The values files helm read, the chart's values.yaml first and the one that wins last. */
      readonly values: readonly ManifestFile[];
    }
  | { readonly rendered: false; readonly reason: HelmNotRendered };

export interface HelmRenderContext {
  /** The helm program, or undefined when rendering is off or helm is not on PATH. */
  readonly helm: string | undefined;
  readonly disabled?: boolean;
  readonly settings: AnalysisSettings;
  /** Every file read, by the CLI's path. */
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** The `charts:` of the settings, and the folder their paths are relative to. */
  readonly charts: readonly ConfiguredChart[];
  readonly chartsFolder: string;
  readonly limits?: RenderLimits;
  /** The folder helm's error messages name paths relative to (the CLI's current folder, the editor's workspace folder). */
  readonly messagesBase?: string;
}

/** What rendering a chart takes: helm run on its folder as this release; or why it is not rendered. */
export type HelmRenderPlan = { readonly run: true; readonly helm: string; readonly chartFolder: string; readonly release: HelmRelease } | { readonly run: false; readonly rendering: HelmRendering };

/**
 * Renders one Helm chart with `helm template` (see runHelm.ts) into the files of its cluster model,
 * each rendered document filed under the template its `# Source:` comment names. A library chart,
 * a chart missing a dependency, and a chart without helm are not rendered, and say why.
 */
export function renderHelmUnit(unit: ApplyUnit, context: HelmRenderContext): HelmRendering {
  const plan = planHelmRender(unit, context);
  if (!plan.run) return plan.rendering;
  return readHelmTemplate(plan, renderHelmChart(plan.helm, plan.chartFolder, plan.release, context.limits, context.messagesBase), context);
}

/** renderHelmUnit with helm run without blocking the event loop (the language server): the same checks, command and reading. */
export async function renderHelmUnitAsync(unit: ApplyUnit, context: HelmRenderContext): Promise<HelmRendering> {
  const plan = planHelmRender(unit, context);
  if (!plan.run) return plan.rendering;
  return readHelmTemplate(plan, await renderHelmChartAsync(plan.helm, plan.chartFolder, plan.release, context.limits, context.messagesBase), context);
}

/** Whether helm is to run on the chart, and how; a library chart, a chart missing a dependency, and a chart without helm are not rendered. */
export function planHelmRender(unit: ApplyUnit, context: HelmRenderContext): HelmRenderPlan {
  if (unit.kind !== 'helm' || unit.root === undefined) throw new Error(`not a Helm chart: ${unit.name}`);
  const chartFolder = unit.root;
  const facts = readChartFacts(chartFolder);
  const not = (reason: HelmNotRendered): HelmRenderPlan => ({ run: false, rendering: { rendered: false, reason } });
  if (facts.type === 'library') return not({ messageId: 'library', data: {} });
  if (context.disabled) return not({ messageId: 'disabled', data: {} });
  // helm or not, such a chart cannot be rendered without the network: that is the news
  const missing = missingDependency(chartFolder, facts);
  if (missing !== undefined) return not({ messageId: 'missingDependency', data: { dependency: missing } });
  if (!context.helm) return not({ messageId: 'noTool', data: {} });
  return { run: true, helm: context.helm, chartFolder, release: releaseOf(chartFolder, facts.name, context) };
}

/** Reads what helm printed for a chart into its rendered files, each filed under the template its `# Source:` comment names. */
function readHelmTemplate(plan: HelmRenderPlan & { run: true }, result: HelmTemplate, context: HelmRenderContext): HelmRendering {
  const { chartFolder, release } = plan;
  if (!result.ok) return { rendered: false, reason: { messageId: 'failed', data: { error: result.error } } };
  const { groups, unsourced } = splitHelmOutput(result.output);
  const byPath = new Map([...context.files.keys()].map((file) => [path.resolve(file), file]));
  const files: ManifestFile[] = [];
  const unread: ManifestFile[] = [];
  const sources = new Map<string, HelmRenderedFile>();
  for (const group of groups) {
    const inChart = pathInChart(group.source);
    const written = inChart === undefined ? undefined : byPath.get(path.resolve(chartFolder, inChart));
    const name = written ?? (inChart === undefined ? `${chartFolder}/${group.source}` : path.join(chartFolder, inChart));
    const entry = inReleaseNamespace(readManifestFile(name, group.text, context.settings), release.namespace);
    files.push(entry);
    const template = written === undefined ? undefined : context.files.get(written);
    if (template) sources.set(name, { entry, template });
    else unread.push(entry);
  }
  if (unsourced.length > 0) {
    const entry = inReleaseNamespace(readManifestFile(path.join(chartFolder, '(rendered)'), unsourced.join('---\n'), context.settings), release.namespace);
    files.push(entry);
    unread.push(entry);
  }
  const values = [path.join(chartFolder, 'values.yaml'), ...release.valuesFiles].flatMap((file) => {
    const known = context.files.get(file) ?? context.files.get(byPath.get(path.resolve(file)) ?? '');
    if (known) return [known];
    const read = readManifestFileSync(file, { maxFileSize: context.settings.maxFileSize });
    return read.text === undefined ? [] : [readManifestFile(file, read.text, context.settings)];
  });
  return { rendered: true, output: result.output, files, unread, sources, release, values };
}

/**
 * Helm installs an object that names no namespace into the release's namespace (`--namespace`),
 * as `kubectl apply -n` does; `helm template` prints it without one.
 */
function inReleaseNamespace(entry: ManifestFile, namespace: string): ManifestFile {
  if (namespace === 'default' || !entry.objects.some((object) => !object.namespaceDeclared && object.namespace !== '')) return entry;
  return { ...entry, objects: entry.objects.map((object) => (!object.namespaceDeclared && object.namespace !== '' ? { ...object, namespace } : object)) };
}

/** The release name (the configured one, else the chart's name), namespace (else `default`) and values files of a chart. */
function releaseOf(chartFolder: string, chartName: string | undefined, context: HelmRenderContext): HelmRelease {
  const folder = path.resolve(chartFolder);
  const configured = context.charts.find((chart) => path.resolve(context.chartsFolder, chart.path) === folder);
  const fallback = (chartName ?? baseName(chartFolder)).toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 53) || 'release';
  return {
    release: configured?.release ?? fallback,
    namespace: configured?.namespace ?? 'default',
    valuesFiles: (configured?.values ?? []).map((file) => path.join(context.chartsFolder, file)),
  };
}
