import type { ConfiguredCluster } from '../core/units/applyUnit';
import { parseConfiguredClusters } from '../core/units/configuredClusters';
import { parseConfiguredCharts, type ConfiguredChart } from '../core/units/helmCharts';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';
import { valuesFileProblem } from '../render/valuesFile';

/** The settings file at a folder's root; the editor reads its `clusters:` (the other keys are the CLI's). */
export const FOLDER_SETTINGS_FILE = '.kube-lookup.yaml';

/** The `clusters:` of a `.kube-lookup.yaml` text; a broken file names no clusters and says why. */
export function clustersFromSettingsFile(text: string): { clusters: ConfiguredCluster[]; error?: string } {
  let value: unknown;
  try {
    value = parsePlainYaml(text);
  } catch (error) {
    return { clusters: [], error: `${FOLDER_SETTINGS_FILE}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  if (value === null || value === undefined) return { clusters: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { clusters: [], error: `${FOLDER_SETTINGS_FILE}: must be a mapping of settings` };
  const { clusters, error } = parseConfiguredClusters((value as Record<string, unknown>).clusters);
  return error ? { clusters: [], error: `${FOLDER_SETTINGS_FILE}: ${error}` } : { clusters };
}

/**
 * The `charts:` of a `.kube-lookup.yaml` text (how each Helm chart is rendered), values files
 * relative to `folder` (the file's); a broken entry, or a values file that is not a file inside
 * the folder (as the CLI checks), configures none, and says why.
 */
export function chartsFromSettingsFile(text: string | undefined, folder: string): { charts: ConfiguredChart[]; error?: string } {
  if (text === undefined) return { charts: [] };
  let value: unknown;
  try {
    value = parsePlainYaml(text);
  } catch {
    // clustersFromSettingsFile says what is wrong with the file
    return { charts: [] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { charts: [] };
  const { charts, error } = parseConfiguredCharts((value as Record<string, unknown>).charts);
  if (error) return { charts: [], error: `${FOLDER_SETTINGS_FILE}: ${error}` };
  for (const [index, chart] of charts.entries()) {
    for (const [valuesIndex, file] of chart.values.entries()) {
      const problem = valuesFileProblem(folder, file);
      if (problem) return { charts: [], error: `${FOLDER_SETTINGS_FILE}: charts[${index}].values[${valuesIndex}]: ${problem}` };
    }
  }
  return { charts };
}
