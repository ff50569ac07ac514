import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterModel } from '../../server/src/core/model/clusterModel';
import { parseSettings, type AnalysisSettings } from '../../server/src/core/settings';

/** A cluster model of inline files: `{ 'a.yaml': '...' }`. */
export function modelOf(files: Record<string, string>, settings: Partial<AnalysisSettings> = {}): ClusterModel {
  const parsed = parseSettings(settings);
  if (parsed.errors.length) throw new Error(parsed.errors.join('; '));
  const model = new ClusterModel(parsed.settings);
  for (const [file, text] of Object.entries(files)) model.setFile(file, text);
  return model;
}

/** A cluster model of every manifest below a folder. */
export function modelOfFolder(folder: string, settings: Partial<AnalysisSettings> = {}): ClusterModel {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) files[full] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(folder);
  return modelOf(files, settings);
}

/** Joins lines with \n: inline YAML fixtures that keep their indentation readable. */
export function lines(...parts: string[]): string {
  return parts.join('\n') + '\n';
}
