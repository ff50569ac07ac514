import * as path from 'node:path';
import type { ManifestFile } from '../core/model/clusterModel';
import type { ApplyUnit } from '../core/units/applyUnit';
import { defaultConcurrency } from './buildPool';
import { buildRootsSync } from './buildRootsSync';
import type { KustomizeTool } from './kustomizeTool';
import { renderKey, type RenderCache } from './renderCache';
import { notBuildable } from './renderKustomizeUnit';
import { defaultRenderLimits, restoredBuild, type KustomizeBuild, type RenderLimits } from './runKustomize';

/** How the builds of a workspace went (the benchmark reports them apart from the lint). */
export interface RenderTimes {
  /** Roots to build (remote ones and those without a tool are not). */
  readonly roots: number;
  /** Of those, the builds a cache held. */
  readonly cached: number;
  /** Wall time of the builds that ran, all at once. */
  readonly buildMs: number;
  /** Wall time of hashing the inputs and reading and writing the cache. */
  readonly cacheMs: number;
}

export interface WorkspaceBuilds {
  /** The build of each root that was built (or kept), by the root's kustomization file. */
  readonly builds: ReadonlyMap<string, KustomizeBuild>;
  readonly times: RenderTimes;
}

/**
 * Builds every Kustomize root of a workspace that can be built, in parallel (`concurrency`
 * kustomize processes at once, each under the limits), taking what the cache holds for roots whose
 * inputs are unchanged (see renderKey) and keeping every successful build there.
 */
export function buildWorkspaceRoots(units: readonly ApplyUnit[], files: ReadonlyMap<string, ManifestFile>, tool: KustomizeTool | undefined, options: { cache?: RenderCache; limits?: RenderLimits; concurrency?: number } = {}): WorkspaceBuilds {
  const limits = options.limits ?? defaultRenderLimits;
  const builds = new Map<string, KustomizeBuild>();
  const roots = tool ? units.filter((unit) => unit.kind === 'kustomize' && notBuildable(unit, tool) === undefined) : [];
  const started = Date.now();
  const keys = new Map<string, string>();
  const missing: ApplyUnit[] = [];
  for (const unit of roots) {
    const key = options.cache ? renderKey(path.dirname(unit.root!), inputsOf(unit, files), tool!, limits) : undefined;
    const kept = key ? options.cache!.get(key) : undefined;
    if (key) keys.set(unit.root!, key);
    if (kept) builds.set(unit.root!, restoredBuild(kept.output, kept.wrapper));
    else missing.push(unit);
  }
  let cacheMs = Date.now() - started;
  const building = Date.now();
  const built = buildRootsSync(missing.map((unit) => path.dirname(unit.root!)), tool!, limits, options.concurrency ?? defaultConcurrency());
  const buildMs = missing.length > 0 ? Date.now() - building : 0;
  const storing = Date.now();
  missing.forEach((unit, index) => {
    const build = built[index];
    builds.set(unit.root!, build);
    const key = keys.get(unit.root!);
    if (build.ok && key) options.cache!.set(key, { output: build.output, wrapper: build.wrapper });
  });
  cacheMs += Date.now() - storing;
  return { builds, times: { roots: roots.length, cached: roots.length - missing.length, buildMs, cacheMs } };
}

/** The texts of a unit's files (objects and support) as read, by absolute path. */
function inputsOf(unit: ApplyUnit, files: ReadonlyMap<string, ManifestFile>): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const file of [...unit.files, ...unit.support]) {
    const entry = files.get(file);
    // a file skipped (too large, unreadable) is hashed as it is on disk, by renderKey
    if (entry && entry.skipped === undefined) inputs.set(path.resolve(file), entry.text);
  }
  return inputs;
}
