import { readManifestFile, type ClusterModel, type ManifestFile } from '../core/model/clusterModel';
import type { LintSteps } from '../core/rules/lintSession';
import type { ParsedFile } from '../core/yaml/parseManifestFile';
import type { RuleFailure } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import { analysisSettingsSchema, defaultSettings, withCurrentNames, type AnalysisSettings } from '../core/settings';
import { compileGlobs, type GlobMatcher } from '../core/glob';
import { inSkippedFolder } from '../files/manifestPaths';
import type { ApplyUnit, ConfiguredCluster } from '../core/units/applyUnit';
import { mergeUnitFindings } from '../core/units/unitFindings';
import { baseName } from '../core/units/workspacePath';
import { ActiveClusters } from './activeCluster';
import { clustersFromSettingsFile, FOLDER_SETTINGS_FILE } from './folderClusters';
import { discoverFolderUnits, folderRelativePath, pathInFolder } from './folderUnits';
import { UnitLayout, unitShape } from './unitLayout';
import type { UnitRenderState } from './renderedUnit';
import type { ChartRenderState } from './renderedChart';
import { withoutTemplatedFindings } from '../render/helmCluster';
import { FileLoad } from './fileLoad';
import { UnitModel, type UnitStaging } from './unitModel';
import { HeldDocument } from './lastGoodParse';
import * as path from 'node:path';
import { filePathOf } from './filesAsPaths';
import { readTextFileSync } from '../files/readTextFile';


/** What the editor settings decide for one workspace folder (or one loose file). */
export interface EditorSettings {
  readonly analysis: AnalysisSettings;
  /** Globs, relative to the folder, of files not to analyse (kubeLookup.exclude and files.exclude). */
  readonly exclude: readonly string[];
  /** kubeLookup.render: build Kustomize roots with kustomize and render Helm charts with helm in a trusted workspace (default on). */
  readonly render?: boolean;
}

export const defaultEditorSettings: EditorSettings = { analysis: defaultSettings, exclude: [], render: true };

/**
 * A workspace folder, or a single file opened outside every folder. Services in one folder never
 * answer for another, as two repositories are two clusters; inside a folder, each apply unit
 * (Kustomize root, Helm chart, `clusters:` entry, the plain files) is its own cluster, with its own
 * model and LintSession. A file is parsed once and shared by the models of all its units.
 *
 * Which units there are is decided again (`settle`) when a file comes or goes, or a kustomization,
 * a Chart.yaml or the folder's `.kube-lookup.yaml` changes; units that stay follow the change file
 * by file, so ordinary edits stay incremental.
 */
export class Partition {
  /**
   * False from when the units are built until the diagnostics scheduler starts linting all of them:
   * meanwhile files load straight into the models (what a lint of a half-loaded folder read is not
   * worth tracking) and only the files being edited are linted, provisionally.
   */
  tracking = false;
  /** Bumped whenever the unit models are built afresh: a whole-folder lint under way is for the old ones. */
  generation = 0;
  /** Bumped whenever the clusters or their files change (the editor's status item asks again). */
  layout = 0;
  private excluded: GlobMatcher;
  private readonly entries = new Map<string, ManifestFile>();
  /** Each file's path as discovery reads it (decoded once). */
  private readonly paths = new Map<string, string>();
  private units: UnitModel[] = [];
  private unitsByFile = new Map<string, UnitModel[]>();
  /** Files whose objects some unit applies; their Services are counted. */
  private objectFiles = new Set<string>();
  private serviceCount = 0;
  /** True when files came or went, or what decides the units changed, since units were last discovered. */
  private unsettled = true;
  private configured: readonly ConfiguredCluster[] = [];
  /** What the last discovery was decided by, to place a new plain file without discovering again. */
  private unitLayout = UnitLayout.empty;
  private settingsFileText: string | undefined;
  private readonly active = new ActiveClusters();
  /** Open documents whose newest text broke a document that parsed: the clusters keep their last good parse meanwhile. */
  private readonly held = new Map<string, HeldDocument>();
  /**
   * Kustomize roots of the folder as kustomize built them and Helm charts as helm rendered them (or
   * why not), by unit name (see lsp/kustomizeRenderer.ts): the findings of a rendered one stand in
   * for those the unit's session finds in the files as written.
   */
  readonly renderings = new Map<string, UnitRenderState | ChartRenderState>();
  /** Files parsed in a worker thread, read into the models a slice at a time, in order (see load). */
  private readonly loads: FileLoad[] = [];

  constructor(
    /** The folder URI, or the file URI of a loose file. */
    readonly key: string,
    readonly isFolder: boolean,
    public settings: EditorSettings,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.excluded = compileGlobs(settings.exclude);
  }

  /** True when the file is excluded by the settings or lies in a skipped folder (out/, node_modules/); paths are matched relative to the folder. */
  excludes(uri: string): boolean {
    if (!this.isFolder) return false;
    const relative = folderRelativePath(this.key, uri);
    return inSkippedFolder(relative) || this.excluded(relative);
  }

  /**
   * New settings: every file is parsed again and the units are built afresh. Texts of `deferFrom`
   * characters or more are not parsed here: their old parse stands in, and they are returned for
   * the caller to parse off its thread and set again.
   */
  reconfigure(settings: EditorSettings, deferFrom = Infinity): { readonly file: string; readonly text: string }[] {
    this.finishLoads();
    this.settings = settings;
    this.excluded = compileGlobs(settings.exclude);
    // the clusters are built afresh: from the documents' newest texts
    for (const [uri, held] of this.held) this.entries.set(uri, held.current);
    this.held.clear();
    const previous = [...this.entries.values()];
    this.entries.clear();
    const deferred: { file: string; text: string }[] = [];
    for (const entry of previous) {
      if (this.excludes(entry.file)) this.paths.delete(entry.file);
      else if (entry.skipped === undefined && entry.text.length >= deferFrom) {
        this.entries.set(entry.file, entry);
        deferred.push({ file: entry.file, text: entry.text });
      } else this.entries.set(entry.file, readManifestFile(entry.file, entry.text, settings.analysis, entry.skipped));
    }
    this.rebuild();
    // hovers keep working while the scheduler lints the new models
    if (this.entries.size > 0) this.settle();
    return deferred;
  }

  /**
   * Parses one file (`skipped`: why it could not be read); returns the files whose findings are now
   * stale, to be linted (`lintSteps`) and published again (the file first). Nothing is linted here:
   * the scheduler lints in slices, so one large file does not hold up the editor. A file `parsed`
   * already, in a worker thread under `parseLimitsOf(settings.analysis)`, is large: it is queued
   * and read into the models a slice at a time (`load`), which gives its stale files instead;
   * `publish: false` while a folder is first read, whose files are linted whole after.
   *
   * `holdLastGood` (an open document being edited): a text that breaks a document that parsed
   * leaves the clusters at the last good parse until the document parses again (see HeldDocument);
   * only the document's own diagnostics change meanwhile. (A large file queued for loading is not
   * held: its objects are read in slices, and reading it whole to compare would block.)
   */
  setFile(uri: string, text: string, skipped?: string, parsed?: ParsedFile, publish = true, holdLastGood = false): string[] {
    if (this.isSettingsFile(uri)) {
      if (uri === this.settingsFileUri()) this.readSettingsFile(text);
      return [];
    }
    if (parsed && skipped === undefined) {
      // a held document's newest text comes in whole: the hold ends
      this.held.delete(uri);
      this.dropLoadsOf(uri);
      this.loads.push(new FileLoad(uri, text, parsed, publish));
      return [];
    }
    this.finishLoadsOf(uri);
    const previous = this.entries.get(uri);
    const entry = readManifestFile(uri, text, this.settings.analysis, skipped, parsed);
    if (holdLastGood && previous && HeldDocument.holds(previous, entry)) {
      this.held.set(uri, new HeldDocument(previous, entry));
      return [uri];
    }
    this.held.delete(uri);
    return this.apply(uri, entry, previous);
  }

  /**
   * Ends the hold of a document's last good parse (it was saved: what is on disk now is broken),
   * applying its newest parse; returns the files whose findings are now stale.
   */
  release(uri: string): string[] {
    const held = this.held.get(uri);
    if (!held) return [];
    this.held.delete(uri);
    return this.apply(uri, held.current, this.entries.get(uri));
  }

  private apply(uri: string, entry: ManifestFile, previous: ManifestFile | undefined): string[] {
    const { text } = entry;
    this.entries.set(uri, entry);
    if (!previous) this.paths.set(uri, pathInFolder(this.key, this.isFolder, uri));
    if (!previous && !this.unsettled && this.joinsPlain(uri)) return [...new Set([uri, ...this.joinPlain(uri)])];
    if (!previous || unitShape(uri, previous.text) !== unitShape(uri, text)) this.unsettled = true;
    const affected = [uri];
    if (this.objectFiles.has(uri)) this.serviceCount += servicesIn(entry) - (previous ? servicesIn(previous) : 0);
    for (const unit of this.unitsByFile.get(uri) ?? []) affected.push(...unit.setEntry(entry, this.tracking));
    return [...new Set(affected)];
  }

  /** True while files parsed in a worker thread wait to be read into the models (see load). */
  get loading(): boolean {
    return this.loads.length > 0;
  }

  /**
   * Reads the queued files into the models, an object at a time, until `pause` says to. Returns
   * whether all are in, and the files whose findings those that went in made stale (to lint and
   * publish; none for a file queued with `publish: false` while the partition does not track edits).
   */
  load(pause: () => boolean = () => false): { readonly done: boolean; readonly affected: string[] } {
    const affected = new Set<string>();
    while (this.loads.length > 0) {
      const load = this.loads[0];
      if (!load.stagings) {
        const entry = load.readObjects(pause);
        if (!entry) return { done: false, affected: [...affected] };
        load.stagings = this.beginLoad(load.file, entry);
      }
      for (const staging of load.stagings) if (!staging.step(pause)) return { done: false, affected: [...affected] };
      this.loads.shift();
      const stale = [load.file, ...load.stagings.flatMap((staging) => staging.stale())];
      if (load.publish || this.tracking) for (const file of stale) affected.add(file);
      if (pause()) break;
    }
    return { done: this.loads.length === 0, affected: [...affected] };
  }

  /** Finishes every queued file at once (before what needs all of them in: new settings, a whole lint). */
  finishLoads(): string[] {
    return this.load().affected;
  }

  /** A file's new version is in: the partition takes it as setFile does, and each unit holding it starts taking it in. */
  private beginLoad(uri: string, entry: ManifestFile): UnitStaging[] {
    const previous = this.entries.get(uri);
    this.entries.set(uri, entry);
    if (!previous) this.paths.set(uri, pathInFolder(this.key, this.isFolder, uri));
    if (!previous && !this.unsettled && this.joinsPlain(uri)) this.joinPlain(uri, false);
    else {
      if (!previous || unitShape(uri, previous.text) !== unitShape(uri, entry.text)) this.unsettled = true;
      if (this.objectFiles.has(uri)) this.serviceCount += servicesIn(entry) - (previous ? servicesIn(previous) : 0);
    }
    const stagings: UnitStaging[] = [];
    for (const unit of this.unitsByFile.get(uri) ?? []) {
      const staging = unit.stageEntry(entry, this.tracking);
      if (staging) stagings.push(staging);
    }
    return stagings;
  }

  /** A newer version of a file came: a queued one not begun is dropped; one begun is finished first. */
  private dropLoadsOf(uri: string): void {
    for (let index = this.loads.length - 1; index >= 0; index--) if (this.loads[index].file === uri && !this.loads[index].begun) this.loads.splice(index, 1);
  }

  /** Before a file changes at once: its queued versions are older, and the one begun is finished. */
  private finishLoadsOf(uri: string): void {
    this.dropLoadsOf(uri);
    if (this.loads[0]?.file === uri) this.finishBegunLoad();
  }

  /** Finishes the load under way, if one has begun (the models hold part of it). */
  private finishBegunLoad(): string[] {
    const head = this.loads[0];
    if (!head?.stagings) return [];
    for (const staging of head.stagings) staging.step();
    this.loads.shift();
    return [head.file, ...head.stagings.flatMap((staging) => staging.stale())];
  }

  /** Forgets one file; returns the other files whose findings are now stale, to be linted and published again. */
  removeFile(uri: string): string[] {
    if (this.isSettingsFile(uri)) {
      if (uri === this.settingsFileUri()) this.readSettingsFile(undefined);
      return [];
    }
    this.finishLoadsOf(uri);
    const previous = this.entries.get(uri);
    if (!previous) return [];
    this.held.delete(uri);
    this.entries.delete(uri);
    this.paths.delete(uri);
    if (this.objectFiles.delete(uri)) this.serviceCount -= servicesIn(previous);
    // only a kustomization, a Chart.yaml or the last plain file changes which units there are
    if (unitShape(uri, previous.text) !== '') this.unsettled = true;
    const affected = new Set<string>();
    for (const unit of this.unitsByFile.get(uri) ?? []) {
      for (const file of unit.removeEntry(uri, this.tracking)) affected.add(file);
      unit.unit = { ...unit.unit, files: unit.unit.files.filter((file) => file !== uri), support: unit.unit.support.filter((file) => file !== uri) };
      if (unit.unit.kind === 'plain' && unit.unit.files.length === 0) this.unsettled = true;
    }
    if (this.unitsByFile.delete(uri)) this.layout += 1;
    this.active.forget(uri);
    affected.delete(uri);
    return [...affected];
  }

  /** True when the units are to be discovered again before the next lint. */
  get needsSettling(): boolean {
    return this.unsettled;
  }

  /**
   * Discovers the units again if files came or went or their layout changed. Units that stay follow
   * the change file by file; new ones are built afresh, and the partition stops `tracking` until
   * the scheduler has filled them (`populate`) and linted it whole again. Returns the files whose
   * findings may have changed.
   */
  settle(): string[] {
    if (!this.unsettled) return [];
    const loaded = this.finishBegunLoad();
    this.unsettled = false;
    const discovered = discoverFolderUnits(this.key, this.paths, (uri) => this.entries.get(uri)?.text, this.configured);
    this.unitLayout = UnitLayout.read(this.paths, (uri) => this.entries.get(uri)?.text, discovered.filter((unit) => unit.kind === 'helm' && unit.root !== undefined).map((unit) => pathInFolder(this.key, this.isFolder, unit.root!)));
    const previous = new Map(this.units.map((unit) => [unit.name, unit]));
    const plan = discovered.map((unit) => {
      const settings = this.settingsOf(unit);
      const kept = previous.get(unit.name);
      const change = kept && kept.unit.kind === unit.kind && same(kept.settings, settings) ? kept.changeTo(unit) : undefined;
      const follows = change !== undefined && (!this.tracking || UnitModel.canFollow(change));
      if (follows) previous.delete(unit.name);
      return { unit, settings, kept: follows ? kept : undefined, change };
    });
    const namesBefore = this.units.map((unit) => unit.name).join('\0');
    if (this.tracking && plan.some((step) => !step.kept)) {
      // a new cluster is filled and linted whole, in slices, by the scheduler
      this.tracking = false;
      this.generation += 1;
    }
    const affected = new Set<string>();
    // files that joined or left a unit: their merged findings name other clusters
    const moved = new Set<string>();
    this.units = plan.map(({ unit, settings, kept, change }) => {
      if (kept && change) {
        for (const file of kept.follow(change, this.entries, this.tracking)) affected.add(file);
        for (const [file] of change.joined) moved.add(file);
        for (const file of change.left) moved.add(file);
        return kept;
      }
      const fresh = new UnitModel(unit, settings);
      if (settings.corefile !== undefined && settings.corefile !== '') fresh.model.setCorefile(this.readCorefile(settings.corefile));
      const all = fresh.changeTo(unit);
      fresh.follow(all, this.entries, false);
      for (const [file] of all.joined) moved.add(file);
      return fresh;
    });
    for (const dropped of previous.values()) for (const file of dropped.files()) moved.add(file);
    for (const uri of moved) {
      this.reindex(uri);
      affected.add(uri);
    }
    if (moved.size > 0 || namesBefore !== this.units.map((unit) => unit.name).join('\0')) this.layout += 1;
    for (const file of loaded) affected.add(file);
    return [...affected].filter((uri) => this.entries.has(uri));
  }

  /**
   * Fills the models of units built afresh, until `budgetMs` have passed; true when all are full.
   * Until then a lint is provisional and a hover may miss objects, as while a folder is read.
   */
  populate(budgetMs = Infinity): boolean {
    const deadline = Date.now() + budgetMs;
    for (const unit of this.units) if (!unit.populate(this.entries, deadline)) return false;
    return true;
  }

  /**
   * Lints one file in steps, in the units where its findings are stale, or in every unit holding it
   * when `all` or while the partition does not track edits (provisionally then). `skip` gives up:
   * the file's findings in those units become one `file-skipped` finding.
   */
  lintSteps(uri: string, all: boolean): LintSteps & { skip(message: string): void } {
    const bulk = all || !this.tracking;
    const units = (this.unitsByFile.get(uri) ?? []).filter((unit) => bulk || unit.isStale(uri));
    const steps = units.map((unit) => unit.lintSteps(uri, this.entries, bulk));
    let current = 0;
    return {
      step: (): boolean => {
        if (current < steps.length && steps[current].step()) current += 1;
        return current >= steps.length;
      },
      skip: (message: string): void => {
        for (const unit of units) unit.session.skip(uri, message);
      },
    };
  }

  /** Lints files at once, as the scheduler does in steps: in every unit holding them (`all`), or only where stale. */
  lint(files: readonly string[], all = true): void {
    this.finishLoads();
    for (const uri of files) {
      const steps = this.lintSteps(uri, all);
      while (!steps.step());
    }
  }

  /** Every parsed file of the partition, by URI, as it holds them now. */
  entriesView(): ReadonlyMap<string, ManifestFile> {
    return this.entries;
  }

  /** The parsed file as the partition holds it now: a lint of another version is not published. */
  entryOf(uri: string): ManifestFile | undefined {
    return this.entries.get(uri);
  }

  /** The text of the folder's `.kube-lookup.yaml`, when it has one (its `charts:` say how Helm charts are rendered). */
  get settingsFile(): string | undefined {
    return this.settingsFileText;
  }

  /** The manifest files of the partition, and its settings file when it has one. */
  fileUris(): string[] {
    const files = [...this.entries.keys()];
    if (this.settingsFileText !== undefined) files.push(this.settingsFileUri());
    return files;
  }

  hasFile(uri: string): boolean {
    return this.entries.has(uri) || (this.settingsFileText !== undefined && uri === this.settingsFileUri());
  }

  /** A file's newest text, which its diagnostics are placed in. */
  textOf(uri: string): string | undefined {
    return this.held.get(uri)?.current.text ?? this.entries.get(uri)?.text;
  }

  /** True while an open document's newest text is broken and the clusters hold its last good parse: its objects' places are those of that older text. */
  isHeld(uri: string): boolean {
    return this.held.has(uri);
  }

  /** The findings of a file: those of every unit it belongs to, merged as the CLI merges them, placed in the files' newest texts. */
  findings(uri: string): readonly Finding[] {
    const holding = this.unitsByFile.get(uri) ?? [];
    if (holding.length === 0) return [];
    // a Helm chart rendered with a subchart in its charts/ folder has findings on the subchart's templates, as in the CLI
    const units = [...holding, ...this.units.filter((unit) => !holding.includes(unit) && unit.unit.kind === 'helm' && this.renderings.get(unit.name)?.rendered && this.renderings.get(unit.name)!.findings.has(uri))];
    const held = this.held.get(uri);
    const findingsOf = (unit: UnitModel): readonly Finding[] => (held ? held.findingsIn(unit.model, this.unitFindings(unit, uri)) : this.unitFindings(unit, uri));
    // one session's findings of a file are unique already (one per rule and span): the merge would keep them all, as found
    const merged = units.length === 1 && !this.renderings.has(units[0].name)
      ? findingsOf(units[0]).map((finding) => ({ ...finding, clusters: [units[0].name] }))
      : mergeUnitFindings(units.map((unit) => ({ unit: unit.unit, findings: findingsOf(unit) })), () => holding.map((unit) => unit.name));
    if (this.held.size === 0) return merged;
    // places in other held documents move with their text
    return merged.map((finding) => {
      let moved: Finding = finding;
      for (const [file, other] of this.held) if (file !== uri && moved.related.some((place) => place.file === file)) moved = other.moved(moved) ?? moved;
      return moved;
    });
  }

  /**
   * A file's findings in one unit: the rendered cluster's when the unit is rendered, else the
   * session's (and why it is not rendered). A Helm chart's templates as written get no
   * `templated-file` finding each: the chart's `helm-not-rendered` finding stands for them, as in the CLI.
   */
  private unitFindings(unit: UnitModel, uri: string): readonly Finding[] {
    const rendering = unit.unit.kind === 'kustomize' || unit.unit.kind === 'helm' ? this.renderings.get(unit.name) : undefined;
    if (rendering?.rendered) return rendering.findings.get(uri) ?? [];
    const written = unit.unit.kind === 'helm' ? withoutTemplatedFindings(unit.unit, unit.session.findings(uri)) : unit.session.findings(uri);
    return rendering ? [...written, ...(rendering.findings.get(uri) ?? [])] : written;
  }

  failuresOf(uri: string): RuleFailure[] {
    return (this.unitsByFile.get(uri) ?? []).flatMap((unit) => unit.session.failuresOf(uri));
  }

  /** The units in discovery order. */
  clusters(): readonly UnitModel[] {
    return this.units;
  }

  /** The units a file belongs to, in discovery order. */
  clustersOf(uri: string): readonly UnitModel[] {
    return this.unitsByFile.get(uri) ?? [];
  }

  /** The model that answers about a file's own objects: its active unit's, when it holds the file. */
  modelOf(uri: string): ClusterModel | undefined {
    return this.active.fileUnit(uri, this.clustersOf(uri))?.model;
  }

  /** The unit whose model answers about a file's own objects (rename edits within it). */
  fileCluster(uri: string): UnitModel | undefined {
    return this.active.fileUnit(uri, this.clustersOf(uri));
  }

  /** The unit lookups asked from the file run in (the user's pick, else the file's first unit). */
  lookupCluster(uri: string): UnitModel | undefined {
    return this.active.lookupUnit(uri, this.clustersOf(uri), this.units);
  }

  /** Makes a unit the active cluster of a file; false when the folder has no unit of that name. */
  chooseCluster(uri: string, name: string): boolean {
    if (!this.units.some((unit) => unit.name === name)) return false;
    this.active.choose(uri, name);
    return true;
  }

  /** Files and Services as the status line counts them: each file once, whatever its units. */
  size(): { readonly files: number; readonly services: number } {
    return { files: this.entries.size, services: this.serviceCount };
  }

  private rebuild(): void {
    this.units = [];
    this.unitsByFile.clear();
    this.objectFiles.clear();
    this.serviceCount = 0;
    this.unsettled = true;
    this.tracking = false;
    this.generation += 1;
  }

  /**
   * True when discovery would put a new file in the existing `plain` unit: no `clusters:` are set,
   * no kustomization names it (a kustomization may name a file before it exists), no chart holds it,
   * and it decides no units itself. Creating such a file then costs no discovery.
   */
  private joinsPlain(uri: string): boolean {
    if (this.configured.length > 0 || unitShape(uri, '') !== '' || !this.units.some((unit) => unit.unit.kind === 'plain')) return false;
    return !this.unitLayout.claims(this.paths.get(uri)!);
  }

  /** Puts a new file into the plain unit; its model takes the file at once when `now`, else it waits (to be loaded or populated). */
  private joinPlain(uri: string, now = true): string[] {
    const plain = this.units.find((unit) => unit.unit.kind === 'plain')!;
    const affected = plain.follow({ unit: { ...plain.unit, files: [...plain.unit.files, uri] }, joined: [[uri, 'objects']], left: [] }, this.entries, now && this.tracking);
    this.reindex(uri);
    this.layout += 1;
    return affected;
  }

  /** Which units hold a file, in discovery order, after it joined or left some. */
  private reindex(uri: string): void {
    const units = this.units.filter((unit) => unit.roleOf(uri) !== undefined);
    if (units.length > 0) this.unitsByFile.set(uri, units);
    else this.unitsByFile.delete(uri);
    const applied = units.some((unit) => unit.roleOf(uri) === 'objects');
    const entry = this.entries.get(uri);
    if (applied === this.objectFiles.has(uri)) return;
    if (applied) {
      this.objectFiles.add(uri);
      this.serviceCount += entry ? servicesIn(entry) : 0;
    } else {
      this.objectFiles.delete(uri);
      this.serviceCount -= entry ? servicesIn(entry) : 0;
    }
  }

  /**
   * The Corefile `kubeLookup.corefile` names, relative to the folder (read when the settings apply);
   * unreadable, it is reported and the manifests' ConfigMap or the settings answer instead.
   */
  private readCorefile(corefile: string): { source: string; text: string } | undefined {
    const folder = this.isFolder ? filePathOf(this.key) : undefined;
    const file = path.isAbsolute(corefile) ? corefile : folder ? path.join(folder, corefile) : undefined;
    if (file === undefined) return undefined;
    const read = readTextFileSync(file, { maxBytes: 1_000_000 });
    if (read.kind === 'text') return { source: corefile, text: read.text };
    this.warn(`kubeLookup.corefile: cannot read ${file}: ${read.kind === 'too-large' ? 'over 1,000,000 bytes' : read.kind === 'unreadable' ? read.reason : read.target}`);
    return undefined;
  }

  /** The settings of one unit: a `clusters:` entry's own settings over the folder's. */
  private settingsOf(unit: ApplyUnit): AnalysisSettings {
    if (unit.kind !== 'configured' || !unit.settings || Object.keys(unit.settings).length === 0) return this.settings.analysis;
    const result = analysisSettingsSchema.safeParse({ ...this.settings.analysis, ...withCurrentNames(unit.settings) });
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    this.warn(`${FOLDER_SETTINGS_FILE}: clusters ${unit.name}: settings.${issue.path.join('.')}: ${issue.message}`);
    return this.settings.analysis;
  }

  private settingsFileUri(): string {
    return `${this.key}/${FOLDER_SETTINGS_FILE}`;
  }

  /** A settings file is the CLI's, never a manifest (as the CLI skips it); only the one at the folder's root names clusters. */
  private isSettingsFile(uri: string): boolean {
    return this.isFolder && baseName(uri) === FOLDER_SETTINGS_FILE;
  }

  private readSettingsFile(text: string | undefined): void {
    this.settingsFileText = text;
    const { clusters, error } = text === undefined ? { clusters: [] } : clustersFromSettingsFile(text);
    if (error) this.warn(error);
    if (same(clusters, this.configured)) return;
    this.configured = clusters;
    this.unsettled = true;
  }
}

function servicesIn(entry: ManifestFile): number {
  let count = 0;
  for (const object of entry.objects) if (object.kind === 'Service') count += 1;
  return count;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Where a file went, and the files whose findings it changed. */
export interface Change {
  readonly partition: Partition;
  readonly affected: readonly string[];
  /** The settings exclude the file: it is not (or no longer) analysed. */
  readonly excluded?: boolean;
}

/** The window's workspace: one partition per folder, plus one per file outside every folder. */
export class Workspace {
  private folders: Partition[] = [];
  private readonly loose = new Map<string, Partition>();

  constructor(
    private readonly looseSettings: () => EditorSettings = () => defaultEditorSettings,
    /** Says what is wrong with a folder's `clusters:`. */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** Sets the workspace folders; partitions of folders that stay are kept. Returns the dropped ones. */
  setFolders(uris: readonly string[]): Partition[] {
    const wanted = new Set(uris.map(withoutSlash));
    const dropped = this.folders.filter((partition) => !wanted.has(partition.key));
    const kept = this.folders.filter((partition) => wanted.has(partition.key));
    for (const uri of wanted) if (!kept.some((partition) => partition.key === uri)) kept.push(new Partition(uri, true, defaultEditorSettings, this.warn));
    // the innermost folder wins for nested folders
    this.folders = kept.sort((a, b) => b.key.length - a.key.length);
    return dropped;
  }

  folderPartitions(): readonly Partition[] {
    return this.folders;
  }

  partitions(): Partition[] {
    return [...this.folders, ...this.loose.values()];
  }

  folderOf(uri: string): Partition | undefined {
    return this.folders.find((partition) => uri.startsWith(partition.key + '/'));
  }

  /** The partition that holds (or would hold) the file. */
  partitionOf(uri: string): Partition | undefined {
    return this.folderOf(uri) ?? this.loose.get(uri);
  }

  /** Parses one file into its partition (see Partition.setFile); a file the settings exclude is dropped instead (`excluded`). */
  setFile(uri: string, text: string, skipped?: string, parsed?: ParsedFile, publish = true, holdLastGood = false): Change {
    let partition = this.partitionOf(uri);
    if (!partition) {
      partition = new Partition(uri, false, this.looseSettings(), this.warn);
      this.loose.set(uri, partition);
    }
    if (partition.excludes(uri)) return { partition, affected: partition.removeFile(uri), excluded: true };
    return { partition, affected: partition.setFile(uri, text, skipped, parsed, publish, holdLastGood) };
  }

  /** Forgets a file; a loose file's partition goes with it. */
  removeFile(uri: string): Change | undefined {
    const partition = this.partitionOf(uri);
    if (!partition) return undefined;
    const affected = partition.removeFile(uri);
    if (!partition.isFolder) this.loose.delete(uri);
    return { partition, affected };
  }

  /** The active cluster of a file, when the file is known. */
  fileCluster(uri: string): UnitModel | undefined {
    const unit = this.partitionOf(uri)?.fileCluster(uri);
    return unit?.model.file(uri) ? unit : undefined;
  }

  /** The model that analyses a file (its active cluster's), when the file is known. */
  modelOf(uri: string): ClusterModel | undefined {
    const model = this.partitionOf(uri)?.modelOf(uri);
    return model?.file(uri) ? model : undefined;
  }
}

function withoutSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}
