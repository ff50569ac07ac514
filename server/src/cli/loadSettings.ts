import * as fs from 'node:fs';
import { closestName } from '../core/rules/closestName';
import { rulesById } from '../core/rules/index';
import { analysisSettingsSchema, type AnalysisSettings } from '../core/settings';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';
import { readTextFileSync } from '../files/readTextFile';
import { optionValue, type ParsedArgs } from './args';
import { UsageError } from './usageError';

export const CONFIG_FILE_NAME = '.kube-lookup.yaml';
const MAX_CONFIG_BYTES = 1_000_000;

/** Settings from `--config FILE` (or `.kube-lookup.yaml` in the current folder), then the flags. */
export function loadSettings(args: ParsedArgs): AnalysisSettings {
  const explicit = optionValue(args, 'config');
  const configPath = explicit ?? (fs.existsSync(CONFIG_FILE_NAME) ? CONFIG_FILE_NAME : undefined);
  let input: Record<string, unknown> = {};
  if (configPath) {
    const read = readTextFileSync(configPath, { maxBytes: MAX_CONFIG_BYTES });
    if (read.kind !== 'text') throw new UsageError(`cannot read configuration file ${configPath}: ${read.kind === 'too-large' ? `${read.bytes ?? `more than ${MAX_CONFIG_BYTES}`} bytes is over the limit of ${MAX_CONFIG_BYTES}` : read.kind === 'unreadable' ? read.reason : read.target}`);
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
  const dnsProfile = optionValue(args, 'dns-profile', ['coredns', 'spec']);
  if (dnsProfile !== undefined) input.dnsProfile = dnsProfile;
  const ruleFlag = optionValue(args, 'rule');
  if (ruleFlag !== undefined) input.rules = { ...(isRecord(input.rules) ? input.rules : {}), ...parseRuleFlag(ruleFlag) };
  const result = analysisSettingsSchema.safeParse(input);
  const where = configPath ? `${configPath}: ` : '';
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${where}${issue.path.join('.') || 'settings'}: ${issue.message}`);
  }
  // a misspelt rule id would otherwise be ignored without a word
  for (const id of Object.keys(result.data.rules)) {
    if (rulesById.has(id)) continue;
    const closest = closestName(id, rulesById.keys());
    throw new UsageError(`${where}rules.${id}: unknown rule${closest ? ` (did you mean "${closest}"?)` : ''}; \`kube-lookup rules\` lists them`);
  }
  return result.data;
}

/** `--rule id=severity[,id=severity]`. */
function parseRuleFlag(value: string): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const part of value.split(',').filter((item) => item.trim() !== '')) {
    const [id, severity] = part.split('=').map((item) => item.trim());
    if (!id || !severity) throw new UsageError(`--rule takes ID=SEVERITY[,ID=SEVERITY], not "${part}"`);
    rules[id] = severity;
  }
  return rules;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
