import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplyUnit } from '../core/units/applyUnit';
import { buildRoots, defaultConcurrency } from '../render/buildPool';
import { findKustomizeTool, type KustomizeTool } from '../render/kustomizeTool';
import { MemoryRenderCache, renderKey } from '../render/renderCache';
import { notBuildable } from '../render/renderKustomizeUnit';
import { defaultRenderLimits, restoredBuild, type KustomizeBuild } from '../render/runKustomize';
import { renderedUnitOf, unrendered, type UnitRenderState } from '../service/renderedUnit';
import type { ChartRenderState } from '../service/renderedChart';
import type { Partition } from '../service/workspace';
import { HelmChartRenderer } from './helmChartRenderer';

/** How long after the last save or file event of a folder its Kustomize roots are looked at again. */
export const RENDER_DELAY_MS = 500;

/**
 * Renders the Kustomize roots of the editor's folders with the user's kustomize, as the CLI does
 * (and their Helm charts with the user's helm, see helmChartRenderer.ts),
 * off the event loop (kustomize runs as child processes, several at once, each under the CLI's
 * limits), and only where it may: in a trusted workspace with `kubeLookup.render` on. Elsewhere a
 * root is read as written; in an untrusted workspace its `kustomize-not-rendered` note says why.
 *
 * Kustomize reads the files on disk, so roots are looked at again RENDER_DELAY_MS after the last
 * save or file event in the folder, not on every keystroke. A root is built again only when what it
 * reads changed: each build is kept by the hash of its inputs (see renderKey), in memory.
 */
export class KustomizeRenderer {
  private readonly cache = new MemoryRenderCache();
  private readonly timers = new Map<Partition, NodeJS.Timeout>();
  /** Per folder, the render pass under way: a later pass waits for it. */
  private readonly passes = new Map<Partition, Promise<void>>();
  /** The input hash each folder's roots were last rendered from. */
  private readonly keys = new Map<Partition, Map<string, string>>();
  private trusted: boolean;
  private tool: KustomizeTool | undefined | null = null;
  private readonly charts: HelmChartRenderer;

  constructor(
    trusted: boolean,
    /** Files whose findings changed because a root was rendered (or stopped being rendered). */
    private readonly changed: (partition: Partition, files: readonly string[]) => void,
    private readonly log: (message: string) => void,
    private readonly delayMs = RENDER_DELAY_MS,
    private readonly findTool: () => KustomizeTool | undefined = findKustomizeTool,
    findHelm?: () => string | undefined,
  ) {
    this.trusted = trusted;
    this.charts = new HelmChartRenderer(log, findHelm);
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** The workspace became trusted (or not): every folder is looked at again. */
  setTrusted(trusted: boolean, partitions: readonly Partition[]): void {
    if (this.trusted === trusted) return;
    this.trusted = trusted;
    for (const partition of partitions) this.schedule(partition, 0);
  }

  /** Looks at the folder's roots again after the delay (restarted by each call). */
  schedule(partition: Partition, delayMs = this.delayMs): void {
    if (!partition.isFolder) return;
    clearTimeout(this.timers.get(partition));
    this.timers.set(partition, setTimeout(() => {
      this.timers.delete(partition);
      void this.renderNow(partition);
    }, delayMs));
  }

  /** Drops a folder that is gone. */
  forget(partition: Partition): void {
    clearTimeout(this.timers.get(partition));
    this.timers.delete(partition);
  }

  /** Resolves when no pass is waiting or under way (for tests and the show-rendered request). */
  async settled(partition: Partition): Promise<void> {
    while (this.timers.has(partition) || this.passes.has(partition)) {
      if (this.passes.has(partition)) await this.passes.get(partition);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Renders every root of the folder whose inputs changed, now; resolves when their findings are in. */
  renderNow(partition: Partition): Promise<void> {
    const previous = this.passes.get(partition) ?? Promise.resolve();
    const pass = previous.then(() => this.pass(partition)).catch((error: unknown) => this.log(`rendering failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    this.passes.set(partition, pass);
    void pass.then(() => {
      if (this.passes.get(partition) === pass) this.passes.delete(partition);
    });
    return pass;
  }

  private async pass(partition: Partition): Promise<void> {
    // the diagnostics scheduler settles the clusters (and re-lints what that changes): look again after it
    if (partition.needsSettling) return this.schedule(partition);
    const roots = partition.clusters().filter((unit) => unit.unit.kind === 'kustomize' && unit.unit.root !== undefined);
    const enabled = partition.settings.render !== false;
    const changed = new Set<string>();
    const set = (name: string, state: UnitRenderState | ChartRenderState | undefined, unit: ApplyUnit): void => {
      const before = partition.renderings.get(name);
      if (before === state) return;
      if (state) partition.renderings.set(name, state);
      else partition.renderings.delete(name);
      // a chart's findings may be on a subchart's templates too
      for (const file of [...unit.files, ...unit.support, ...(before?.findings.keys() ?? []), ...(state?.findings.keys() ?? [])]) changed.add(file);
    };
    // roots and charts that are gone
    for (const name of [...partition.renderings.keys()]) if (!partition.clusters().some((unit) => unit.name === name && (unit.unit.kind === 'kustomize' || unit.unit.kind === 'helm'))) partition.renderings.delete(name);
    const toBuild: { unit: ApplyUnit; key: string; folder: string }[] = [];
    if (!enabled) for (const unit of roots) set(unit.name, undefined, unit.unit);
    else if (!this.trusted) {
      for (const unit of roots) {
        const before = partition.renderings.get(unit.name);
        if (before && !before.rendered && before.reason.messageId === 'untrusted') continue;
        set(unit.name, unrendered(unit.unit, { messageId: 'untrusted', data: {} }, partition.entriesView(), unit.settings), unit.unit);
      }
    } else {
      if (this.tool === null) this.tool = this.findTool();
      const tool = this.tool;
      for (const unit of roots) {
        const skipped = notBuildable(unit.unit, tool);
        if (skipped) {
          const before = partition.renderings.get(unit.name);
          if (!before || before.rendered || JSON.stringify(before.reason) !== JSON.stringify(skipped)) set(unit.name, unrendered(unit.unit, skipped, partition.entriesView(), unit.settings), unit.unit);
          continue;
        }
        const folder = path.dirname(fileURLToPath(unit.unit.root!));
        // the files on disk and the unit's settings (rule severities, the cluster domain) decide what a render gives
        const inputs = `${renderKey(folder, await diskTexts(unit.unit), tool!, defaultRenderLimits)} ${JSON.stringify(unit.settings)}`;
        if (this.keys.get(partition)?.get(unit.name) === inputs && partition.renderings.has(unit.name)) continue;
        toBuild.push({ unit: unit.unit, key: inputs, folder });
      }
      const kept = toBuild.map(({ key }) => this.cache.get(buildKey(key)));
      const missing = toBuild.filter((_, index) => !kept[index]);
      // kustomize's errors name files relative to the folder, as the CLI run there does
      const built = await buildRoots(missing.map((job) => job.folder), tool!, defaultRenderLimits, defaultConcurrency(), fileURLToPath(partition.key));
      const builds = new Map<string, KustomizeBuild>();
      toBuild.forEach((job, index) => {
        if (kept[index]) builds.set(job.key, restoredBuild(kept[index]!.output, kept[index]!.wrapper));
      });
      missing.forEach((job, index) => {
        builds.set(job.key, built[index]);
        if (built[index].ok) this.cache.set(buildKey(job.key), { output: built[index].output, wrapper: (built[index] as { wrapper: string }).wrapper });
      });
      for (const job of toBuild) {
        // reading a large build into a model and linting it takes a while: requests are answered in between
        await new Promise((resolve) => setImmediate(resolve));
        const unit = partition.clusters().find((candidate) => candidate.name === job.unit.name);
        // the units changed while kustomize ran: the next pass sees to it
        if (!unit || unit.unit.root !== job.unit.root) continue;
        const state = renderedUnitOf(unit.unit, builds.get(job.key)!, partition.entriesView(), unit.settings, partition.key, tool);
        set(unit.name, state, unit.unit);
        let keys = this.keys.get(partition);
        if (!keys) this.keys.set(partition, (keys = new Map()));
        keys.set(unit.name, job.key);
      }
    }
    await this.charts.pass(partition, this.trusted, set);
    if (changed.size > 0) this.changed(partition, [...changed].filter((file) => partition.hasFile(file)));
  }
}

/** The build's own key: the inputs' hash, without the settings the findings were made under. */
function buildKey(inputs: string): string {
  return inputs.slice(0, inputs.indexOf(' '));
}

/** The unit's files as kustomize will read them: from disk (an unsaved edit is not rendered until saved). */
async function diskTexts(unit: ApplyUnit): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const uri of [...unit.files, ...unit.support]) {
    try {
      const file = fileURLToPath(uri);
      texts.set(file, await fs.promises.readFile(file, 'latin1'));
    } catch {
      // gone, or not a file: renderKey notes it as absent through the kustomization that names it
    }
  }
  return texts;
}
