import * as path from 'node:path';
import { asSupportFile, ClusterModel, type ManifestFile } from '../core/model/clusterModel';
import { lintFiles } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import { holdsWholeCluster, type ApplyUnit } from '../core/units/applyUnit';
import { mapRenderedFindings, type RenderedSources } from '../core/units/renderedFindings';
import type { KustomizeTool } from '../render/kustomizeTool';
import { notRenderedFinding } from '../render/notRenderedFinding';
import { renderedUnit as readRenderedUnit, type NotRendered } from '../render/renderKustomizeUnit';
import type { KustomizeBuild } from '../render/runKustomize';
import { filePathOf, filesAsPaths, findingsByUri } from './filesAsPaths';

/** A Kustomize root of the editor as kustomize built it: its model, and its findings put back on the files as written. */
export interface RenderedUnit {
  readonly rendered: true;
  /** What kustomize printed (without the wrapper: origins as kustomize wrote them). */
  readonly output: string;
  /** The unit's cluster as built: rendered objects under the names of the files they came from (file paths, not URIs). */
  readonly model: ClusterModel;
  readonly sources: RenderedSources;
  /** The findings of the rendered cluster by the URI of the file they land on, mapped as the CLI maps them. */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  /** The file path of a URI of the unit, as the model names its files. */
  readonly pathOf: (uri: string) => string;
}

/** A Kustomize root read as written, and the `kustomize-not-rendered` finding that says why (unless the rule is off). */
export interface UnrenderedUnit {
  readonly rendered: false;
  readonly reason: NotRendered;
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
}

export type UnitRenderState = RenderedUnit | UnrenderedUnit;

/**
 * Makes a build of one of the editor's Kustomize roots into its rendered cluster, with the CLI's
 * code: the files of the unit are named by their file paths (as kustomize names them), kustomize's
 * output is split and mapped back by renderedUnit and mapRenderedFindings as `kube-lookup lint`
 * does, and every finding goes back to the URI of its file. Messages name files relative to the
 * workspace folder, as the CLI run in that folder does.
 */
export function renderedUnitOf(unit: ApplyUnit, build: KustomizeBuild, entries: ReadonlyMap<string, ManifestFile>, settings: ClusterModel['settings'], folderUri: string, tool: KustomizeTool | undefined): UnitRenderState {
  const { files, toPath, toUri } = filesAsPaths([...unit.files, ...unit.support], entries);
  const asPaths: ApplyUnit = { ...unit, root: unit.root && toPath.get(unit.root), files: unit.files.map((uri) => toPath.get(uri) ?? uri), support: unit.support.map((uri) => toPath.get(uri) ?? uri) };
  const folder = filePathOf(folderUri) ?? '/';
  const model = new ClusterModel(settings);
  const rendering = asPaths.root === undefined ? undefined : readRenderedUnit(asPaths, build, { tool, settings, files, display: (file) => path.relative(folder, file) || '.' });
  if (!rendering?.rendered) {
    const reason: NotRendered = rendering ? rendering.reason : { messageId: 'failed', data: { tool: tool?.name ?? 'kustomize', error: 'the kustomization is not read' } };
    return unrendered(unit, reason, entries, settings);
  }
  for (const entry of rendering.files) model.setParsedFile(entry);
  for (const file of asPaths.support) if (files.has(file)) model.setParsedFile(asSupportFile(files.get(file)!));
  const whole = holdsWholeCluster(asPaths, () => false);
  const mapped = mapRenderedFindings(lintFiles(model, undefined, { fixes: false, wholeCluster: whole }).findings, rendering.sources);
  const byUri = findingsByUri(mapped, toUri);
  return { rendered: true, output: build.ok ? build.output : '', model, sources: rendering.sources, findings: byUri, pathOf: (uri) => toPath.get(uri) ?? uri };
}

/** A root read as written: only the `kustomize-not-rendered` note on its kustomization is its own; the rest are the unit's findings as written. */
export function unrendered(unit: ApplyUnit, reason: NotRendered, entries: ReadonlyMap<string, ManifestFile>, settings: ClusterModel['settings']): UnrenderedUnit {
  const note = notRenderedFinding(new ClusterModel(settings), unit, (uri) => entries.get(uri)?.text, reason.messageId, reason.data);
  return { rendered: false, reason, findings: new Map(note ? [[note.file, [note]]] : []) };
}


