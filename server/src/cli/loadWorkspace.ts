import * as fs from 'node:fs';
import * as path from 'node:path';
import { asSupportFile, ClusterModel, readManifestFile, type ManifestFile } from '../core/model/clusterModel';
import { rulesById } from '../core/rules/index';
import { corefileProblems } from '../core/rules/corefile-not-modelled';
import { effectiveSeverity, formatMessage } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import { holdsWholeCluster, type ApplyUnit } from '../core/units/applyUnit';
import { discoverApplyUnits } from '../core/units/discoverApplyUnits';
import type { RenderedSources } from '../core/units/renderedFindings';
import { normalizePath } from '../core/units/workspacePath';
import { findKustomizeTool } from '../render/kustomizeTool';
import { renderKustomizeUnit } from '../render/renderKustomizeUnit';
import { relativePath } from './findingPositions';
import { CONFIG_FILE_NAME, type Configuration } from './loadSettings';
import { UsageError } from './usageError';
import { collectManifestFiles } from './workspaceFiles';
import { readTextFileSync } from '../files/readTextFile';

/** One apply unit and the cluster model of its files. */
export interface LoadedUnit {
  readonly unit: ApplyUnit;
  readonly model: ClusterModel;
  /** False when templates or remote resources of the unit are not read (see holdsWholeCluster). */
  readonly whole: boolean;
  /** Set when the model holds the unit as kustomize built it: its findings are in the rendered text until mapped back with these. */
  readonly rendered?: RenderedSources;
  /** Why a Kustomize root was not rendered, as a `kustomize-not-rendered` finding on its kustomization. */
  readonly notes: readonly Finding[];
}

export interface LoadOptions {
  /** Build Kustomize roots with the user's kustomize or kubectl (`--no-render` turns it off). */
  readonly render?: boolean;
}

export interface LoadedWorkspace {
  /** The apply units found, each its own cluster; at least one (an empty `plain` when nothing was found). */
  readonly units: readonly LoadedUnit[];
  readonly fileCount: number;
  /** Every file read, parsed once whatever the number of units it belongs to. */
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** The names of the units a file belongs to. */
  unitsOf(file: string): readonly string[];
  /** The text of a file findings may be on: a manifest, or a Corefile the settings name. */
  textOf(file: string): string | undefined;
}

/**
 * Reads the manifests under the paths, splits them into apply units (Kustomize roots, Helm charts,
 * the `clusters:` of the settings, the plain files) and builds one cluster model per unit: the same
 * core the editor uses.
 */
export function loadWorkspace(paths: readonly string[], configuration: Configuration, options: LoadOptions = {}): LoadedWorkspace {
  const { settings } = configuration;
  // the settings file is YAML too, but no manifest
  const read = collectManifestFiles(paths, settings.maxFileSize).filter((file) => path.basename(file.path) !== CONFIG_FILE_NAME);
  // a file that could not be read is held too, with its `file-skipped` finding
  const files = new Map<string, ManifestFile>();
  for (const file of read) files.set(file.path, readManifestFile(file.path, file.text ?? '', settings, file.skipped));
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
  const corefileTexts = new Map<string, string>();
  const tool = options.render ? findKustomizeTool() : undefined;
  const loaded = units.map((unit): LoadedUnit => {
    const model = new ClusterModel(configuration.settingsOf(unit));
    const notes: Finding[] = [];
    if (model.settings.corefile !== undefined) {
      const corefile = readCorefile(model.settings.corefile);
      model.setCorefile(corefile);
      notes.push(...corefileFindings(model, model.settings.corefile, corefile.text));
      corefileTexts.set(model.settings.corefile, corefile.text);
    }
    let rendered: RenderedSources | undefined;
    if (options.render && unit.kind === 'kustomize') {
      const rendering = renderKustomizeUnit(unit, { tool, settings: model.settings, files, display: relativePath });
      if (rendering.rendered) {
        for (const entry of rendering.files) model.setParsedFile(entry);
        rendered = rendering.sources;
      } else {
        const note = notRenderedFinding(model, unit, files, rendering.reason.messageId, rendering.reason.data);
        if (note) notes.push(note);
      }
    }
    if (!rendered) for (const file of unit.files) model.setParsedFile(files.get(file)!);
    for (const file of unit.support) model.setParsedFile(asSupportFile(files.get(file)!));
    for (const file of [...unit.files, ...unit.support]) membership.set(file, [...(membership.get(file) ?? []), unit.name]);
    const whole = holdsWholeCluster(unit, (file) => files.get(file)!.issues.some((issue) => issue.ruleId === 'templated-file'));
    return { unit, model, whole, rendered, notes };
  });
  return { units: loaded, fileCount: read.length, files, unitsOf: (file) => membership.get(file) ?? [], textOf: (file) => files.get(file)?.text ?? corefileTexts.get(file) };
}

/**
 * The `kustomize-not-rendered` finding, unless the rule is off: on the remote resource's entry in the
 * kustomization that lists it, else on the first line of the root's kustomization that is not a
 * comment (the build as a whole is what was not done).
 */
function notRenderedFinding(model: ClusterModel, unit: ApplyUnit, files: ReadonlyMap<string, ManifestFile>, messageId: string, data: Readonly<Record<string, string>>): Finding | undefined {
  const rule = rulesById.get('kustomize-not-rendered')!;
  const severity = effectiveSeverity(model, rule);
  if (!severity) return undefined;
  const finding = (file: string, span: { start: number; end: number }): Finding => ({ ruleId: rule.meta.id, messageId, severity, message: formatMessage(rule.meta.messages[messageId], data), file, span, related: [], fixes: [] });
  const root = unit.support.find((file) => normalizePath(file) === unit.root) ?? unit.root!;
  if (messageId === 'remote') {
    for (const file of [root, ...unit.support]) {
      const text = files.get(file)?.text ?? '';
      const at = text.indexOf(data.remote);
      if (at >= 0) return finding(file, { start: at, end: at + data.remote.length });
    }
  }
  const text = files.get(root)?.text ?? '';
  // the first line that is not a comment, less a comment at its end
  const line = /^([ \t]*)([^#\s](?:[^\r\n#]|#(?<=\S#))*?)[ \t]*(?:[ \t]#.*)?$/m.exec(text);
  return finding(root, line ? { start: line.index + line[1].length, end: line.index + line[1].length + line[2].length } : { start: 0, end: 0 });
}

/** `corefile-not-modelled` findings on a Corefile the settings name (the rule itself reports on the coredns ConfigMap), unless the rule is off. */
function corefileFindings(model: ClusterModel, file: string, text: string): Finding[] {
  const rule = rulesById.get('corefile-not-modelled')!;
  const severity = effectiveSeverity(model, rule);
  if (!severity) return [];
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return corefileProblems(text).map((problem) => {
    const lineStart = starts[problem.line - 1] ?? 0;
    const at = problem.text ? text.indexOf(problem.text, lineStart) : -1;
    const span = at >= 0 ? { start: at, end: at + problem.text.length } : { start: lineStart, end: lineStart };
    return { ruleId: rule.meta.id, messageId: problem.messageId, severity, message: formatMessage(rule.meta.messages[problem.messageId], { line: String(problem.line), what: problem.what }), file, span, related: [], fixes: [] };
  });
}

/** The Corefile the settings name, read once per path: a file that cannot be read is a usage error (exit 2). */
const corefiles = new Map<string, { source: string; text: string }>();
function readCorefile(file: string): { source: string; text: string } {
  let corefile = corefiles.get(file);
  if (corefile) return corefile;
  const read = readTextFileSync(file, { maxBytes: MAX_COREFILE_BYTES });
  if (read.kind !== 'text') throw new UsageError(`cannot read Corefile ${file}: ${read.kind === 'too-large' ? `over the limit of ${MAX_COREFILE_BYTES} bytes` : read.kind === 'unreadable' ? read.reason : read.target}`);
  corefile = { source: relativePath(file), text: read.text };
  corefiles.set(file, corefile);
  return corefile;
}

const MAX_COREFILE_BYTES = 1_000_000;

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
