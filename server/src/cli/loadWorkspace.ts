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
import { buildWorkspaceRoots, type RenderTimes } from '../render/buildWorkspaceRoots';
import { defaultCacheFolder, DiskRenderCache } from '../render/renderCache';
import { notRenderedFinding } from '../render/notRenderedFinding';
import { notBuildable, renderedUnit, type UnitRendering } from '../render/renderKustomizeUnit';
import { helmUnit, type HelmLoad } from './helmUnit';
import { relativePath } from './findingPositions';
import { CONFIG_FILE_NAME, type Configuration } from './loadSettings';
import { readStandardInput, standardInputFiles, STANDARD_INPUT_NAME } from './standardInput';
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
  /** Puts the findings of a rendered Helm chart or of the standard input back on the files as written (see helmUnit.ts). */
  readonly mapFindings?: (findings: readonly Finding[]) => Finding[];
}

export interface LoadOptions {
  /** Build Kustomize roots with the user's kustomize or kubectl (`--no-render` turns it off). */
  readonly render?: boolean;
  /** Keep builds in the user's cache folder and take them from there while their inputs are unchanged (`--no-render-cache` turns it off). */
  readonly renderCache?: boolean;
}

export interface LoadedWorkspace {
  /** The apply units found, each its own cluster; at least one (an empty `plain` when nothing was found). */
  readonly units: readonly LoadedUnit[];
  readonly fileCount: number;
  /** Every file read, parsed once whatever the number of units it belongs to. */
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** The names of the units a file belongs to. */
  unitsOf(file: string): readonly string[];
  /** How long rendering took, when it was on: the builds, the cache, and reading kustomize's output into the models. */
  readonly renderTimes?: RenderTimes & { readonly readMs: number };
  /** The text of a file findings may be on: a manifest, or a Corefile the settings name. */
  textOf(file: string): string | undefined;
}

/**
 * Reads the manifests under the paths, splits them into apply units (Kustomize roots, Helm charts,
 * the `clusters:` of the settings, the plain files) and builds one cluster model per unit: the same
 * core the editor uses.
 */
export function loadWorkspace(givenPaths: readonly string[], configuration: Configuration, options: LoadOptions = {}): LoadedWorkspace {
  const { settings } = configuration;
  // `-` is the standard input: rendered output piped in (`helm template … | kube-lookup lint -`)
  const standardInput = givenPaths.includes('-');
  const paths = givenPaths.filter((given) => given !== '-');
  // the settings file is YAML too, but no manifest
  const read = (standardInput && paths.length === 0 ? [] : collectManifestFiles(paths, settings.maxFileSize)).filter((file) => path.basename(file.path) !== CONFIG_FILE_NAME);
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
  if (units.length === 0 && !standardInput) units.push({ name: 'plain', kind: 'plain', files: [], support: [], remote: [] });
  const membership = new Map<string, string[]>();
  const corefileTexts = new Map<string, string>();
  const tool = options.render ? findKustomizeTool() : undefined;
  const helm: HelmLoad = { render: Boolean(options.render), configuration, files };
  const cache = options.render && options.renderCache !== false ? new DiskRenderCache(defaultCacheFolder()) : undefined;
  const { builds, times } = buildWorkspaceRoots(options.render ? units : [], files, tool, { cache });
  let readMs = 0;
  const loaded = units.map((unit): LoadedUnit => {
    if (unit.kind === 'helm') {
      const chart = helmUnit(unit, helm);
      for (const file of [...chart.unit.files, ...chart.unit.support]) membership.set(file, [...(membership.get(file) ?? []), chart.unit.name]);
      return chart;
    }
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
      const reading = Date.now();
      const context = { tool, settings: model.settings, files, display: relativePath };
      const skipped = notBuildable(unit, tool);
      const rendering: UnitRendering = skipped ? { rendered: false, reason: skipped } : renderedUnit(unit, builds.get(unit.root!)!, context);
      if (rendering.rendered) {
        for (const entry of rendering.files) model.setParsedFile(entry);
        rendered = rendering.sources;
      } else {
        const note = notRenderedFinding(model, unit, (file) => files.get(file)?.text, rendering.reason.messageId, rendering.reason.data);
        if (note) notes.push(note);
      }
      readMs += Date.now() - reading;
    }
    if (!rendered) for (const file of unit.files) model.setParsedFile(files.get(file)!);
    for (const file of unit.support) model.setParsedFile(asSupportFile(files.get(file)!));
    for (const file of [...unit.files, ...unit.support]) membership.set(file, [...(membership.get(file) ?? []), unit.name]);
    const whole = holdsWholeCluster(unit, (file) => files.get(file)!.issues.some((issue) => issue.ruleId === 'templated-file'));
    return { unit, model, whole, rendered, notes };
  });
  if (standardInput) {
    const input = readStandardInput(settings.maxFileSize);
    const model = new ClusterModel(settings);
    const piped = 'text' in input ? standardInputFiles(input.text, model.settings) : undefined;
    const entries = piped ? piped.files : [readManifestFile(STANDARD_INPUT_NAME, '', settings, 'skipped' in input ? input.skipped : undefined)];
    for (const entry of entries) model.setParsedFile(entry);
    for (const [file, entry] of piped?.texts ?? entries.map((entry) => [entry.file, entry] as const)) if (!files.has(file)) files.set(file, entry);
    const unit: ApplyUnit = { name: '-', kind: 'plain', files: entries.map((entry) => entry.file), support: [], remote: [] };
    for (const file of unit.files) membership.set(file, [...(membership.get(file) ?? []), unit.name]);
    loaded.push({ unit, model, whole: true, notes: [], mapFindings: piped?.mapFindings });
  }
  return { units: loaded, fileCount: read.length + (standardInput ? 1 : 0), files, unitsOf: (file) => membership.get(file) ?? [], renderTimes: options.render ? { ...times, readMs } : undefined, textOf: (file) => files.get(file)?.text ?? corefileTexts.get(file) };
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
