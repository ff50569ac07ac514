import type { RenderedManifestResult } from '../protocol';
import type { Workspace } from '../service/workspace';
import type { KustomizeRenderer } from './kustomizeRenderer';

/**
 * What kustomize built for the Kustomize root of a document, or what `helm template` printed for its
 * Helm chart: its active cluster when that is a root or a chart, else the first one it belongs to.
 * Waits for a render under way; one not rendered yet is rendered now (where rendering is allowed).
 */
export async function renderedManifestOf(workspace: Workspace, renderer: KustomizeRenderer, uri: string): Promise<RenderedManifestResult> {
  const partition = workspace.partitionOf(uri);
  if (!partition || !partition.hasFile(uri)) return { cluster: null, error: 'This file is not one kube-lookup reads.' };
  const active = partition.fileCluster(uri);
  const rendered = (kind: string): boolean => kind === 'kustomize' || kind === 'helm';
  const unit = active && rendered(active.unit.kind) ? active : partition.clustersOf(uri).find((candidate) => rendered(candidate.unit.kind));
  if (!unit) return { cluster: null, error: 'This file belongs to no Kustomize root or Helm chart: there is nothing rendered to show.' };
  if (partition.settings.render === false) return { cluster: unit.name, error: `Rendering is off (kubeLookup.render): ${unit.name} is read as written.` };
  await renderer.settled(partition);
  if (!partition.renderings.has(unit.name)) await renderer.renderNow(partition);
  const state = partition.renderings.get(unit.name);
  if (!state) return { cluster: unit.name, error: `${unit.name} is not rendered yet.` };
  if (state.rendered) return { cluster: unit.name, text: state.output };
  const note = [...state.findings.values()].flat()[0];
  return { cluster: unit.name, error: `${unit.name}: ${note?.message ?? 'not rendered.'}` };
}
