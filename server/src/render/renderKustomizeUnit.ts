import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestFile } from '../core/model/clusterModel';
import type { AnalysisSettings } from '../core/settings';
import type { ApplyUnit } from '../core/units/applyUnit';
import { KUSTOMIZATION_FILE_NAMES } from '../core/units/kustomization';
import { KustomizeLayers } from '../core/units/kustomizeLayers';
import type { RenderedSources } from '../core/units/renderedFindings';
import { splitRenderedOutput } from '../core/units/renderedOutput';
import { baseName, normalizePath, parentFolder } from '../core/units/workspacePath';
import type { KustomizeTool } from './kustomizeTool';
import { buildKustomization, defaultRenderLimits, type KustomizeBuild, type RenderLimits } from './runKustomize';

/** Why a Kustomize root was read as written: the message id and data of a `kustomize-not-rendered` finding. */
export interface NotRendered {
  readonly messageId: 'remote' | 'failed' | 'noTool' | 'untrusted';
  readonly data: Readonly<Record<string, string>>;
}

export type UnitRendering =
  | { readonly rendered: true; readonly files: readonly ManifestFile[]; readonly sources: RenderedSources }
  | { readonly rendered: false; readonly reason: NotRendered };

export interface RenderContext {
  readonly tool: KustomizeTool | undefined;
  readonly settings: AnalysisSettings;
  /** Every file read, by the CLI's path; `sourceOf` also takes `/`-separated discovery paths. */
  readonly files: ReadonlyMap<string, ManifestFile>;
  readonly display: (file: string) => string;
  readonly limits?: RenderLimits;
}

/**
 * Builds one Kustomize root with the user's kustomize (see runKustomize.ts) into the files of its
 * cluster model, and what mapping its findings back to the files as written needs. A root with
 * remote resources is not built (no network), nor one without a tool; a failed build says why.
 */
export function renderKustomizeUnit(unit: ApplyUnit, context: RenderContext): UnitRendering {
  const skipped = notBuildable(unit, context.tool);
  if (skipped) return { rendered: false, reason: skipped };
  return renderedUnit(unit, buildKustomization(parentFolder(unit.root!), context.tool!, context.limits ?? defaultRenderLimits), context);
}

/** Why a Kustomize root is not built at all: a remote resource, or no tool; undefined when it is to be built. */
export function notBuildable(unit: ApplyUnit, tool: KustomizeTool | undefined): NotRendered | undefined {
  if (unit.kind !== 'kustomize' || unit.root === undefined) throw new Error(`not a Kustomize root: ${unit.name}`);
  if (unit.remote.length > 0) return { messageId: 'remote', data: { remote: unit.remote[0] } };
  if (!tool) return { messageId: 'noTool', data: {} };
  return undefined;
}

/** A root's build made into the files of its cluster model (or why it was not rendered), as renderKustomizeUnit does after building. */
export function renderedUnit(unit: ApplyUnit, build: KustomizeBuild, context: RenderContext): UnitRendering {
  if (!build.ok) return { rendered: false, reason: { messageId: 'failed', data: { tool: context.tool?.name ?? 'kustomize', error: build.error } } };
  const { sourceOf, resolve } = namesOf(context.files);
  const rendered = splitRenderedOutput(build.output, (origin) => resolve(build.resolveOrigin(origin)), unit.root!, context.settings);
  const kustomizations = unit.support.map(normalizePath).filter((file) => KUSTOMIZATION_FILE_NAMES.includes(baseName(file)));
  const layers = new KustomizeLayers(normalizePath(unit.root!), kustomizations, (file) => sourceOf(file)?.text);
  return {
    rendered: true,
    files: rendered.map((file) => file.entry),
    sources: {
      rendered: new Map(rendered.map((file) => [file.entry.file, file])),
      sourceOf,
      layersOver: (file) => layers.over(normalizePath(file)),
      readLayers: () => layers.all(),
      display: context.display,
    },
  };
}

const names = new WeakMap<ReadonlyMap<string, ManifestFile>, { sourceOf: (file: string) => ManifestFile | undefined; resolve: (absolute: string) => string }>();

/** How a workspace's files are found by any spelling of their path: worked out once for all its units. */
function namesOf(files: ReadonlyMap<string, ManifestFile>): { sourceOf: (file: string) => ManifestFile | undefined; resolve: (absolute: string) => string } {
  let known = names.get(files);
  if (!known) {
    const byDiscoveryPath = new Map([...files.keys()].map((file) => [normalizePath(file), file]));
    known = { sourceOf: (file) => files.get(file) ?? files.get(byDiscoveryPath.get(normalizePath(file)) ?? ''), resolve: workspaceResolver(files) };
    names.set(files, known);
  }
  return known;
}

/** Names an absolute path as the workspace's files are named; a file not read keeps its path relative to the current folder. */
function workspaceResolver(files: ReadonlyMap<string, ManifestFile>): (absolute: string) => string {
  const byAbsolute = new Map([...files.keys()].map((file) => [path.resolve(file), file]));
  let byRealPath: Map<string, string> | undefined;
  return (absolute) => {
    const known = byAbsolute.get(absolute);
    if (known) return known;
    // kustomize may have followed a symbolic link on the way
    byRealPath ??= new Map([...byAbsolute].flatMap(([resolved, file]) => {
      try {
        return [[fs.realpathSync(resolved), file] as [string, string]];
      } catch {
        return [];
      }
    }));
    return byRealPath.get(absolute) ?? path.relative(process.cwd(), absolute);
  };
}
