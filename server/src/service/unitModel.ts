import { asSupportFile, ClusterModel, type ManifestFile } from '../core/model/clusterModel';
import { LintSession } from '../core/rules/lintSession';
import type { AnalysisSettings } from '../core/settings';
import type { ApplyUnit } from '../core/units/applyUnit';

/** How a unit holds a file: its objects are applied, or only its syntax counts (a patch, a kustomization). */
export type FileRole = 'objects' | 'support';

/** Changes to a unit's files beyond which building its model afresh beats re-linting file by file. */
const INCREMENTAL_LIMIT = 50;

/**
 * One apply unit of a folder and its own cluster: a model and the LintSession that keeps its
 * findings current. The parsed files are shared with the other units of the folder.
 */
export class UnitModel {
  readonly model: ClusterModel;
  readonly session: LintSession;
  private roles = new Map<string, FileRole>();

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
    const held = role === 'support' ? asSupportFile(entry) : entry;
    if (tracking) return this.session.setParsedFile(held);
    this.model.setParsedFile(held);
    return [];
  }

  /** Drops one file; returns the other files re-linted when `tracking`. */
  removeEntry(uri: string, tracking: boolean): string[] {
    if (!this.roles.delete(uri)) return [];
    if (tracking) return this.session.removeFile(uri);
    this.model.removeFile(uri);
    return [];
  }

  /** How many of the unit's files `unit` adds, drops or holds in another role. */
  differenceTo(unit: ApplyUnit): number {
    const wanted = rolesOf(unit);
    let count = 0;
    for (const [uri, role] of wanted) if (this.roles.get(uri) !== role) count++;
    for (const uri of this.roles.keys()) if (!wanted.has(uri)) count++;
    return count;
  }

  /** True when bringing the unit to `unit` file by file is cheaper than building it afresh. */
  canFollow(unit: ApplyUnit): boolean {
    return this.differenceTo(unit) <= INCREMENTAL_LIMIT;
  }

  /**
   * Brings the unit to what discovery found now: files added, dropped, or turned from objects into
   * support or back. Returns the files re-linted when `tracking`.
   */
  follow(unit: ApplyUnit, entries: ReadonlyMap<string, ManifestFile>, tracking: boolean): string[] {
    this.unit = unit;
    const wanted = rolesOf(unit);
    const affected: string[] = [];
    for (const uri of [...this.roles.keys()]) if (!wanted.has(uri)) affected.push(...this.removeEntry(uri, tracking));
    for (const [uri, role] of wanted) {
      const entry = entries.get(uri);
      if (!entry || this.roles.get(uri) === role) continue;
      this.roles.set(uri, role);
      affected.push(...this.setEntry(entry, tracking));
    }
    return affected;
  }
}

function rolesOf(unit: ApplyUnit): Map<string, FileRole> {
  const roles = new Map<string, FileRole>();
  for (const uri of unit.support) roles.set(uri, 'support');
  for (const uri of unit.files) roles.set(uri, 'objects');
  return roles;
}
