import { ClusterModel } from '../core/model/clusterModel';
import { rulesById } from '../core/rules/index';
import { effectiveSeverity } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import type { AnalysisSettings } from '../core/settings';
import { collectManifestFiles } from './workspaceFiles';

export interface LoadedWorkspace {
  readonly model: ClusterModel;
  readonly fileCount: number;
  /** Files that could not be read, as `file-skipped` findings. */
  readonly unreadable: Finding[];
}

/** Reads the manifests under the paths into a cluster model: the same core the editor uses. */
export function loadWorkspace(paths: readonly string[], settings: AnalysisSettings): LoadedWorkspace {
  const model = new ClusterModel(settings);
  const unreadable: Finding[] = [];
  const files = collectManifestFiles(paths, settings.maxFileSize);
  const skippedRule = rulesById.get('file-skipped')!;
  for (const file of files) {
    if (file.text !== undefined) {
      model.setFile(file.path, file.text);
    } else {
      model.setFile(file.path, '');
      const severity = effectiveSeverity(model, skippedRule);
      if (severity) unreadable.push({ ruleId: 'file-skipped', messageId: 'skipped', severity, message: file.skipped ?? 'File skipped.', file: file.path, span: { start: 0, end: 0 }, related: [], fixes: [] });
    }
  }
  return { model, fileCount: files.length, unreadable };
}
