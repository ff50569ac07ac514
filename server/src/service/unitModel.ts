import { asSupportFile, ClusterModel, type ManifestFile } from '../core/model/clusterModel';
import { LintSession } from '../core/rules/lintSession';
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

  /** A new text of one of the unit's files; returns the files re-linted when `tracking`. */
  setEntry(entry: ManifestFile, tracking: boolean): string[] {
    const role = this.roles.get(entry.file);
    if (!role) return [];
    this.pending.delete(entry.file);
    const held = role === 'support' ? asSupportFile(entry) : entry;
    if (tracking) return this.session.setParsedFile(held);
    this.model.setParsedFile(held);
    return [];
  }

  /** Drops one file; returns the other files re-linted when `tracking`. */
  removeEntry(uri: string, tracking: boolean): string[] {
    if (!this.roles.delete(uri)) return [];
    this.pending.delete(uri);
    if (tracking) return this.session.removeFile(uri);
    this.model.removeFile(uri);
    return [];
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
   * Applies a change: files leave at once; files that join are linted in at once when `tracking`,
   * else wait for `populate`. Returns the files re-linted.
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

  /** Adds waiting files to the model until `deadline` (a Date.now() value); true when none waits. */
  populate(entries: ReadonlyMap<string, ManifestFile>, deadline = Infinity): boolean {
    let count = 0;
    for (const uri of this.pending) {
      const entry = entries.get(uri);
      if (entry) this.setEntry(entry, false);
      else this.pending.delete(uri);
      if (++count % CLOCK_EVERY === 0 && Date.now() >= deadline) return this.pending.size === 0;
    }
    return true;
  }

  /** Adds one waiting file now (to lint it before the rest of the unit is in). */
  populateFile(uri: string, entries: ReadonlyMap<string, ManifestFile>): void {
    const entry = entries.get(uri);
    if (entry && this.pending.has(uri)) this.setEntry(entry, false);
  }
}

function rolesOf(unit: ApplyUnit): Map<string, FileRole> {
  const roles = new Map<string, FileRole>();
  for (const uri of unit.support) roles.set(uri, 'support');
  for (const uri of unit.files) roles.set(uri, 'objects');
  return roles;
}
