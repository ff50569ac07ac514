import * as fs from 'node:fs';
import * as path from 'node:path';
import { asSupportFile, ClusterModel, readManifestFile, type ManifestFile } from '../core/model/clusterModel';
import { rulesById } from '../core/rules/index';
import { effectiveSeverity } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import { holdsWholeCluster, type ApplyUnit } from '../core/units/applyUnit';
import { discoverApplyUnits } from '../core/units/discoverApplyUnits';
import { normalizePath } from '../core/units/workspacePath';
import { CONFIG_FILE_NAME, type Configuration } from './loadSettings';
import { UsageError } from './usageError';
import { collectManifestFiles } from './workspaceFiles';

/** One apply unit and the cluster model of its files. */
export interface LoadedUnit {
  readonly unit: ApplyUnit;
  readonly model: ClusterModel;
  /** False when templates or remote resources of the unit are not read (see holdsWholeCluster). */
  readonly whole: boolean;
}

export interface LoadedWorkspace {
  /** The apply units found, each its own cluster; at least one (an empty `plain` when nothing was found). */
  readonly units: readonly LoadedUnit[];
  readonly fileCount: number;
  /** Every file read, parsed once whatever the number of units it belongs to. */
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** Files that could not be read, as `file-skipped` findings. */
  readonly unreadable: Finding[];
  /** The names of the units a file belongs to. */
  unitsOf(file: string): readonly string[];
}

/**
 * Reads the manifests under the paths, splits them into apply units (Kustomize roots, Helm charts,
 * the `clusters:` of the settings, the plain files) and builds one cluster model per unit: the same
 * core the editor uses.
 */
export function loadWorkspace(paths: readonly string[], configuration: Configuration): LoadedWorkspace {
  const { settings } = configuration;
  // the settings file is YAML too, but no manifest
  const read = collectManifestFiles(paths, settings.maxFileSize).filter((file) => path.basename(file.path) !== CONFIG_FILE_NAME);
  const files = new Map<string, ManifestFile>();
  const unreadable: Finding[] = [];
  const skippedRule = rulesById.get('file-skipped')!;
  const severity = effectiveSeverity(new ClusterModel(settings), skippedRule);
  for (const file of read) {
    if (file.text !== undefined) files.set(file.path, readManifestFile(file.path, file.text, settings));
    else if (severity) unreadable.push({ ruleId: 'file-skipped', messageId: 'skipped', severity, message: file.skipped ?? 'File skipped.', file: file.path, span: { start: 0, end: 0 }, related: [], fixes: [] });
  }
  // discovery reads `/`-separated paths; the CLI's own paths are the platform's
  const byDiscoveryPath = new Map([...files.keys()].map((file) => [normalizePath(file), file]));
  const units = discoverApplyUnits({
    files: [...byDiscoveryPath.keys()],
    textOf: (file) => files.get(byDiscoveryPath.get(file)!)?.text,
    base: normalizePath(namesBase(paths)),
    clustersBase: normalizePath(configuration.clustersFolder),
    configured: configuration.clusters,
  }).map((unit) => ({ ...unit, files: unit.files.map((file) => byDiscoveryPath.get(file)!), support: unit.support.map((file) => byDiscoveryPath.get(file)!) }));
  if (units.length === 0) units.push({ name: 'plain', kind: 'plain', files: [], support: [], remote: [] });
  const membership = new Map<string, string[]>();
  const loaded = units.map((unit) => {
    const model = new ClusterModel(configuration.settingsOf(unit));
    for (const file of unit.files) model.setParsedFile(files.get(file)!);
    for (const file of unit.support) model.setParsedFile(asSupportFile(files.get(file)!));
    for (const file of [...unit.files, ...unit.support]) membership.set(file, [...(membership.get(file) ?? []), unit.name]);
    const whole = holdsWholeCluster(unit, (file) => files.get(file)!.issues.some((issue) => issue.ruleId === 'templated-file'));
    return { unit, model, whole };
  });
  return { units: loaded, fileCount: read.length, files, unreadable, unitsOf: (file) => membership.get(file) ?? [] };
}

/** Units are named relative to the one folder linted, else to the current folder. */
function namesBase(paths: readonly string[]): string {
  if (paths.length !== 1) return '.';
  try {
    return fs.statSync(paths[0]).isDirectory() ? paths[0] : '.';
  } catch {
    return '.';
  }
}

/** The units `--cluster NAME` picks: that one, or all when it is not given. */
export function selectUnits(workspace: LoadedWorkspace, name: string | undefined): readonly LoadedUnit[] {
  if (name === undefined) return workspace.units;
  const unit = workspace.units.find((candidate) => candidate.unit.name === name);
  if (!unit) throw new UsageError(`no cluster named "${name}"; the clusters here are ${workspace.units.map((candidate) => `"${candidate.unit.name}"`).join(', ')} (kube-lookup clusters lists them)`);
  return [unit];
}
