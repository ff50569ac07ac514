import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplyUnit } from '../core/units/applyUnit';
import { defaultConcurrency, runConcurrently } from '../render/buildPool';
import { findHelm } from '../render/helmTool';
import { planHelmRender, renderHelmUnitAsync, type HelmRenderContext, type HelmRendering, type HelmRenderPlan } from '../render/renderHelmUnit';
import { defaultRenderLimits } from '../render/runKustomize';
import { chartsFromSettingsFile } from '../service/folderClusters';
import { chartInPaths, chartRenderState, type ChartInPaths, type ChartRenderState } from '../service/renderedChart';
import type { Partition } from '../service/workspace';

/** Sets a unit's render state (undefined: none); the files of the unit are published again when it changed. */
export type SetRenderState = (name: string, state: ChartRenderState | undefined, unit: ApplyUnit) => void;

/**
 * The Helm charts of the editor's folders, rendered as the CLI renders them (render/renderHelmUnit.ts,
 * render/helmCluster.ts): `helm template` runs as a child process, several at once, under the CLI's
 * limits and environment, only in a trusted workspace with `kubeLookup.render` on and helm on PATH.
 * Otherwise each chart gets the CLI's one `helm-not-rendered` note (`untrusted` in an untrusted
 * workspace). A chart is rendered again only when a file under its folder, a values file of its
 * `charts:` entry, helm, the release or the settings changed.
 */
export class HelmChartRenderer {
  /** The inputs each folder's charts were last rendered from, by unit name. */
  private readonly keys = new Map<Partition, Map<string, string>>();

  /** The last complaint about each folder's `charts:`, said once. */
  private readonly complaints = new Map<Partition, string>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly findTool: () => string | undefined = findHelm,
  ) {}

  async pass(partition: Partition, trusted: boolean, set: SetRenderState): Promise<void> {
    const charts = partition.clusters().filter((unit) => unit.unit.kind === 'helm' && unit.unit.root !== undefined);
    const enabled = partition.settings.render !== false;
    const helm = enabled && trusted ? this.findTool() : undefined;
    const folder = fileURLToPath(partition.key);
    // a broken entry configures no chart: each is rendered as its own release, with its own values only
    const { charts: configured, error } = chartsFromSettingsFile(partition.settingsFile, folder);
    if (error && this.complaints.get(partition) !== error) this.log(`${error}; the charts are rendered with their own values only`);
    if (error) this.complaints.set(partition, error);
    else this.complaints.delete(partition);
    let keys = this.keys.get(partition);
    if (!keys) this.keys.set(partition, (keys = new Map()));
    for (const name of [...keys.keys()]) if (!charts.some((unit) => unit.name === name)) keys.delete(name);
    const jobs: { chart: ChartInPaths; context: HelmRenderContext; name: string; root: string; key: string }[] = [];
    for (const unit of charts) {
      const chart = chartInPaths(unit.unit, partition.entriesView(), unit.settings, partition.key, configured);
      const context: HelmRenderContext = { ...chart.context, helm, disabled: !enabled || !trusted };
      const plan = planHelmRender(chart.unit, context);
      if (!plan.run) {
        keys.delete(unit.name);
        // an untrusted workspace turns rendering off: the note says so, and how to turn it on
        const rendering: HelmRendering = enabled && !trusted && !plan.rendering.rendered && plan.rendering.reason.messageId === 'disabled' ? { rendered: false, reason: { messageId: 'untrusted', data: {} } } : plan.rendering;
        const state = chartRenderState(chart, rendering);
        const before = partition.renderings.get(unit.name);
        if (!before || before.rendered || JSON.stringify([before.reason, [...before.findings]]) !== JSON.stringify([(state as { reason: unknown }).reason, [...state.findings]])) set(unit.name, state, unit.unit);
        continue;
      }
      const key = await inputsKey(plan, context);
      if (keys.get(unit.name) === key && partition.renderings.has(unit.name)) continue;
      jobs.push({ chart, context, name: unit.name, root: unit.unit.root!, key });
    }
    const renderings = await runConcurrently(jobs, defaultConcurrency(), (job) => renderHelmUnitAsync(job.chart.unit, job.context));
    for (const [index, job] of jobs.entries()) {
      // reading a large rendering into a model and linting it takes a while: requests are answered in between
      await new Promise((resolve) => setImmediate(resolve));
      const unit = partition.clusters().find((candidate) => candidate.name === job.name);
      // the units changed while helm ran: the next pass sees to it
      if (!unit || unit.unit.root !== job.root) continue;
      set(job.name, chartRenderState(job.chart, renderings[index]), unit.unit);
      // the same inputs render (or fail) the same way: not again until they change
      keys.set(job.name, job.key);
    }
  }
}

/** Bounds the walk of a chart folder for its inputs' key (a chart is a few hundred files at most). */
const MAX_KEY_ENTRIES = 20_000;

/**
 * What a rendering of the chart depends on: helm (its path, size and time), the command line, the
 * limits, the settings the findings are made under, and the name, size and time of every file
 * under the chart folder (templates, helpers, values, subcharts and their archives) and of the
 * values files of its `charts:` entry. Unsaved text is not rendered: helm reads the files on disk.
 */
async function inputsKey(plan: HelmRenderPlan & { run: true }, context: HelmRenderContext): Promise<string> {
  const hash = createHash('sha256');
  const add = (...parts: string[]): void => {
    for (const part of parts) hash.update(`${part.length}:${part}`);
  };
  const stamp = async (file: string): Promise<void> => {
    try {
      const stat = await fs.promises.stat(file);
      add(file, String(stat.size), String(stat.mtimeMs));
    } catch {
      add(file, 'missing');
    }
  };
  add('kube-lookup helm 1', plan.helm, path.resolve(plan.chartFolder), JSON.stringify(plan.release), JSON.stringify(context.limits ?? defaultRenderLimits), JSON.stringify(context.settings));
  await stamp(plan.helm);
  for (const file of plan.release.valuesFiles) await stamp(path.resolve(file));
  let entries = 0;
  const walk = async (folder: string): Promise<void> => {
    let children: fs.Dirent[];
    try {
      children = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch {
      return add(folder, 'unreadable');
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      if (++entries > MAX_KEY_ENTRIES) return;
      const file = path.join(folder, child.name);
      if (child.isDirectory()) await walk(file);
      else await stamp(file);
    }
  };
  await walk(path.resolve(plan.chartFolder));
  return hash.digest('hex');
}
