import * as fs from 'node:fs';
import * as path from 'node:path';
import { closestName } from '../core/rules/closestName';
import { rulesById } from '../core/rules/index';
import { analysisSettingsSchema, withCurrentNames, type AnalysisSettings } from '../core/settings';
import type { ApplyUnit, ConfiguredCluster } from '../core/units/applyUnit';
import { parseConfiguredClusters } from '../core/units/configuredClusters';
import { parseConfiguredCharts, type ConfiguredChart } from '../core/units/helmCharts';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';
import { readTextFileSync } from '../files/readTextFile';
import { optionValue, type ParsedArgs } from './args';
import { UsageError } from './usageError';
import { valuesFileProblem } from '../render/valuesFile';

export const CONFIG_FILE_NAME = '.kube-lookup.yaml';
const MAX_CONFIG_BYTES = 1_000_000;

/** What the settings file and the flags say: analysis settings, and the clusters named by hand. */
export interface Configuration {
  readonly settings: AnalysisSettings;
  readonly clusters: readonly ConfiguredCluster[];
  /** The folder the clusters' globs are relative to: the settings file's. */
  readonly clustersFolder: string;
  /** How Helm charts are rendered (`charts:`): release, namespace and values files, paths relative to clustersFolder. */
  readonly charts: readonly ConfiguredChart[];
  /** The settings of one apply unit: a `clusters:` entry's own settings over the file's, the flags over both. */
  settingsOf(unit: ApplyUnit): AnalysisSettings;
}

/** Analysis settings from `--config FILE` (or `.kube-lookup.yaml` in the current folder), then the flags. */
export function loadSettings(args: ParsedArgs): AnalysisSettings {
  return loadConfiguration(args).settings;
}

export function loadConfiguration(args: ParsedArgs): Configuration {
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
  const where = configPath ? `${configPath}: ` : '';
  const { clusters, error } = parseConfiguredClusters(input.clusters);
  if (error) throw new UsageError(`${where}${error}`);
  delete input.clusters;
  const charts = parseConfiguredCharts(input.charts);
  if (charts.error) throw new UsageError(`${where}${charts.error}`);
  delete input.charts;
  const chartsFolder = configPath ? path.dirname(configPath) : '.';
  for (const [index, chart] of charts.charts.entries()) {
    chart.values.forEach((file, valuesIndex) => {
      const problem = valuesFileProblem(chartsFolder, file);
      if (problem) throw new UsageError(`${where}charts[${index}].values[${valuesIndex}]: ${problem}`);
    });
  }
  const flags: Record<string, unknown> = {};
  const clusterDomain = optionValue(args, 'cluster-domain');
  if (clusterDomain !== undefined) flags.clusterDomain = clusterDomain.replace(/\.$/, '');
  const pods = optionValue(args, 'pods', ['disabled', 'insecure', 'verified']);
  if (pods !== undefined) flags.pods = pods;
  if (args.options.has('endpoint-pod-names')) flags.endpointPodNames = true;
  const dnsProfile = optionValue(args, 'dns-profile', ['coredns', 'spec']);
  if (dnsProfile !== undefined) flags.dnsProfile = dnsProfile;
  const corefile = optionValue(args, 'corefile');
  if (corefile !== undefined) flags.corefile = corefile;
  const resolver = optionValue(args, 'resolver', ['glibc', 'musl', 'nslookup']);
  if (resolver !== undefined) flags.resolver = resolver;
  const ruleFlag = optionValue(args, 'rule');
  if (ruleFlag !== undefined) flags.rules = { ...(isRecord(input.rules) ? input.rules : {}), ...parseRuleFlag(ruleFlag) };
  const parse = (values: Record<string, unknown>, prefix: string): AnalysisSettings => {
    const result = analysisSettingsSchema.safeParse(withCurrentNames(values));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new UsageError(`${where}${prefix}${issue.path.join('.') || 'settings'}: ${issue.message}`);
  };
  // a Corefile named in the settings file is relative to its folder; --corefile to the current folder
  const nearConfig = (values: Record<string, unknown>): Record<string, unknown> => (configPath && typeof values.corefile === 'string' && !path.isAbsolute(values.corefile) ? { ...values, corefile: path.join(path.dirname(configPath), values.corefile) } : values);
  const settings = parse({ ...nearConfig(input), ...flags }, '');
  const perCluster = new Map(clusters.map((cluster, index) => [cluster.name, parse({ ...nearConfig(withCurrentNames(input)), ...nearConfig(withCurrentNames(cluster.settings ?? {})), ...flags }, `clusters[${index}].settings.`)]));
  // a misspelt rule id would otherwise be ignored without a word
  for (const id of Object.keys(settings.rules)) {
    if (rulesById.has(id)) continue;
    const closest = closestName(id, rulesById.keys());
    throw new UsageError(`${where}rules.${id}: unknown rule${closest ? ` (did you mean "${closest}"?)` : ''}; \`kube-lookup rules\` lists them`);
  }
  return {
    settings,
    clusters,
    clustersFolder: configPath ? path.dirname(configPath) : '.',
    charts: charts.charts,
    settingsOf: (unit) => (unit.kind === 'configured' ? (perCluster.get(unit.name) ?? settings) : settings),
  };
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
