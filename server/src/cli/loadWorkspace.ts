import { ClusterModel } from '../core/model/clusterModel';
import type { AnalysisSettings } from '../core/settings';
import { collectManifestFiles } from './workspaceFiles';

export interface LoadedWorkspace {
  readonly model: ClusterModel;
  readonly fileCount: number;
}

/**
 * Reads the manifests under the paths into a cluster model: the same core the editor uses. A file
 * that could not be read is in the model too, with its `file-skipped` finding.
 */
export function loadWorkspace(paths: readonly string[], settings: AnalysisSettings): LoadedWorkspace {
  const model = new ClusterModel(settings);
  const files = collectManifestFiles(paths, settings.maxFileSize);
  for (const file of files) model.setFile(file.path, file.text ?? '', file.skipped);
  return { model, fileCount: files.length };
}
