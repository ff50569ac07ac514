import { asSupportFile, ClusterModel, type FileStaging, type ManifestFile } from '../core/model/clusterModel';
import { LintSession, type LintSteps, type SessionStaging } from '../core/rules/lintSession';
import type { AnalysisSettings } from '../core/settings';
import type { ApplyUnit } from '../core/units/applyUnit';

/** How a unit holds a file: its objects are applied, or only its syntax counts (a patch, a kustomization). */
export type FileRole = 'objects' | 'support';

/** What discovery changed in a unit: files that join it (or change role) and files that leave it. */
export interface UnitChange {
  readonly unit: ApplyUnit;
  readonly joined: readonly (readonly [string, FileRole])[];
  readonly left: readonly string[];
}

/** Changes to a unit's files beyond which building its model afresh beats re-linting file by file. */
const INCREMENTAL_LIMIT = 50;

/** Files added to a model between two looks at the clock. */
const CLOCK_EVERY = 64;

/**
 * One apply unit of a folder and its own cluster: a model and the LintSession that keeps its
 * findings current. The parsed files are shared with the other units of the folder. Files that
 * join while the folder is not tracked yet wait in `pending` and are added in slices
 * (`populate`), so a folder of many files does not stop the server while its clusters are built.
 */
export class UnitModel {
  readonly model: ClusterModel;
  readonly session: LintSession;
  private readonly roles = new Map<string, FileRole>();
  /** Files of the unit not yet (or not currently) in the model. */
  private readonly pending = new Set<string>();
  /** Files whose findings in this unit a change made stale, not linted again yet (while tracking). */
  private readonly stale = new Set<string>();
  /** The waiting file `populate` is adding, a slice at a time. */
  private populating: FileStaging | undefined;

  constructor(public unit: ApplyUnit, readonly settings: AnalysisSettings) {
    this.model = new ClusterModel(settings);
    this.session = new LintSession(this.model);
  }

  get name(): string {
    return this.unit.name;
  }

  roleOf(uri: string): FileRole | undefined {
    return this.roles.get(uri);
  }

  files(): IterableIterator<string> {
    return this.roles.keys();
  }

  /**
   * A new text of one of the unit's files; when `tracking`, returns the files whose findings it made
   * stale (linted later, in steps: see lintSteps).
   */
  setEntry(entry: ManifestFile, tracking: boolean): string[] {
    const role = this.roles.get(entry.file);
    if (!role) return [];
    this.pending.delete(entry.file);
    const held = role === 'support' ? asSupportFile(entry) : entry;
    if (tracking) return this.markStale(this.session.changeParsedFile(held));
    this.model.setParsedFile(held);
    return [];
  }

  /**
   * A new text of one of the unit's files, taken into the model a slice at a time (see
   * ClusterModel.stageFile); when `tracking`, `stale()` then gives the files whose findings it made
   * stale. Undefined when the unit does not hold the file.
   */
  stageEntry(entry: ManifestFile, tracking: boolean): UnitStaging | undefined {
    const role = this.roles.get(entry.file);
    if (!role) return undefined;
    this.pending.delete(entry.file);
    const held = role === 'support' ? asSupportFile(entry) : entry;
    if (tracking) {
      const staging = this.session.stageParsedFile(held);
      return { step: (pause) => staging.step(pause), stale: () => this.markStale(staging.stale()) };
    }
    const staging = this.model.stageFile(held);
    return { step: (pause) => staging.step(pause), stale: () => (staging.finish(), []) };
  }

  /** Drops one file; when `tracking`, returns the other files whose findings it made stale. */
  removeEntry(uri: string, tracking: boolean): string[] {
    if (!this.roles.delete(uri)) return [];
    this.pending.delete(uri);
    this.stale.delete(uri);
    if (tracking) return this.markStale(this.session.forgetFile(uri));
    this.model.removeFile(uri);
    return [];
  }

  /** True when a change made the file's findings in this unit stale. */
  isStale(uri: string): boolean {
    return this.stale.has(uri);
  }

  /** Lints one file of the unit in steps (see LintSession.lintInSteps); `bulk`: the model was loaded in bulk. */
  lintSteps(uri: string, entries: ReadonlyMap<string, ManifestFile>, bulk: boolean): LintSteps {
    this.populateFile(uri, entries);
    this.stale.delete(uri);
    return this.session.lintInSteps(uri, bulk);
  }

  private markStale(files: string[]): string[] {
    for (const file of files) this.stale.add(file);
    return files;
  }

  /** What it takes to bring the unit to what discovery found now. */
  changeTo(unit: ApplyUnit): UnitChange {
    const wanted = rolesOf(unit);
    const joined: [string, FileRole][] = [];
    for (const [uri, role] of wanted) if (this.roles.get(uri) !== role) joined.push([uri, role]);
    const left = [...this.roles.keys()].filter((uri) => !wanted.has(uri));
    return { unit, joined, left };
  }

  /** True when following the change file by file is cheaper than building the unit afresh. */
  static canFollow(change: UnitChange): boolean {
    return change.joined.length + change.left.length <= INCREMENTAL_LIMIT;
  }

  /**
   * Applies a change: files leave at once; files that join go into the model at once when
   * `tracking`, else wait for `populate`. Returns the files made stale (when `tracking`).
   */
  follow(change: UnitChange, entries: ReadonlyMap<string, ManifestFile>, tracking: boolean): string[] {
    this.unit = change.unit;
    const affected: string[] = [];
    for (const uri of change.left) affected.push(...this.removeEntry(uri, tracking));
    for (const [uri, role] of change.joined) {
      const entry = entries.get(uri);
      if (!entry) continue;
      this.roles.set(uri, role);
      if (tracking) affected.push(...this.setEntry(entry, true));
      else this.pending.add(uri);
    }
    return affected;
  }

  /**
   * Adds waiting files to the model until `deadline` (a Date.now() value), a large file a slice at
   * a time; true when none waits.
   */
  populate(entries: ReadonlyMap<string, ManifestFile>, deadline = Infinity): boolean {
    let count = 0;
    const pause = (): boolean => Date.now() >= deadline;
    for (;;) {
      if (this.populating) {
        if (!this.populating.step(pause)) return false;
        this.populating = undefined;
        if (pause()) return this.pending.size === 0;
      }
      const uri = this.pending.values().next().value;
      if (uri === undefined) return true;
      const entry = entries.get(uri);
      this.pending.delete(uri);
      if (entry) {
        const role = this.roles.get(uri);
        this.populating = this.model.stageFile(role === 'support' ? asSupportFile(entry) : entry);
      }
      if (++count % CLOCK_EVERY === 0 && pause()) return this.pending.size === 0 && this.populating === undefined;
    }
  }

  /** Adds one waiting file now (to lint it before the rest of the unit is in). */
  populateFile(uri: string, entries: ReadonlyMap<string, ManifestFile>): void {
    const entry = entries.get(uri);
    if (this.populating?.file === uri) this.model.finishStaging();
    if (entry && this.pending.has(uri)) this.setEntry(entry, false);
  }
}

function rolesOf(unit: ApplyUnit): Map<string, FileRole> {
  const roles = new Map<string, FileRole>();
  for (const uri of unit.support) roles.set(uri, 'support');
  for (const uri of unit.files) roles.set(uri, 'objects');
  return roles;
}

/** A file going into a unit's model a slice at a time (see UnitModel.stageEntry). */
export type UnitStaging = SessionStaging;
