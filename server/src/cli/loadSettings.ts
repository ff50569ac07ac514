import * as fs from 'node:fs';
import { analysisSettingsSchema, type AnalysisSettings } from '../core/settings';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';
import { optionValue, type ParsedArgs } from './args';
import { UsageError } from './usageError';
import { readTextFile } from './workspaceFiles';

export const CONFIG_FILE_NAME = '.kube-lookup.yaml';
const MAX_CONFIG_BYTES = 1_000_000;

/** Settings from `--config FILE` (or `.kube-lookup.yaml` in the current folder), then the flags. */
export function loadSettings(args: ParsedArgs): AnalysisSettings {
  const explicit = optionValue(args, 'config');
  const configPath = explicit ?? (fs.existsSync(CONFIG_FILE_NAME) ? CONFIG_FILE_NAME : undefined);
  let input: Record<string, unknown> = {};
  if (configPath) {
    const read = readTextFile(configPath, MAX_CONFIG_BYTES);
    if (read.text === undefined) throw new UsageError(`cannot read configuration file ${configPath}: ${read.error ?? `${read.size} bytes is over the limit of ${MAX_CONFIG_BYTES}`}`);
    const text = read.text;
    let value: unknown;
    try {
      value = parsePlainYaml(text);
    } catch (error) {
      throw new UsageError(`${configPath}: ${(error as Error).message}`);
    }
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) throw new UsageError(`${configPath}: must be a mapping of settings`);
    input = { ...(value as Record<string, unknown> | null) };
  }
  const clusterDomain = optionValue(args, 'cluster-domain');
  if (clusterDomain !== undefined) input.clusterDomain = clusterDomain.replace(/\.$/, '');
  const pods = optionValue(args, 'pods', ['disabled', 'insecure', 'verified']);
  if (pods !== undefined) input.pods = pods;
  if (args.options.has('endpoint-pod-names')) input.endpointPodNames = true;
  const result = analysisSettingsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = configPath ? `${configPath}: ` : '';
    throw new UsageError(`${where}${issue.path.join('.') || 'settings'}: ${issue.message}`);
  }
  return result.data;
}
