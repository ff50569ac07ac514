import { readManifestFile, type ClusterModel, type ManifestFile } from '../model/clusterModel';
import { enabledObjectRules, lintEntry, type RuleFailure } from './runRules';
import type { Finding } from './types';

/**
 * Keeps the findings of every file current while files change one at a time, as the editor needs.
 * Linting a file records what its rules read from the model; a change to a file re-lints that
 * file and only the files whose last lint read something the change touched (before or after
 * it), so the cost follows the edit, not the size of the workspace.
 */
export class LintSession {
  private readonly findingsByFile = new Map<string, Finding[]>();
  private readonly failuresByFile = new Map<string, RuleFailure[]>();
  /** What each file's lint read, and the reverse: which files read a key. */
  private readonly readsByFile = new Map<string, Set<string>>();
  private readonly readers = new Map<string, Set<string>>();

  constructor(readonly model: ClusterModel) {}

  /** Lints every file of the model; returns them all. */
  lintAll(): string[] {
    const files = [...this.model.files()].map((entry) => entry.file);
    // every file is linted: what the Pod budget moved while the model was loaded is covered
    this.model.takeBudgetChanges();
    this.relint(files);
    return files;
  }

  /** Lints the given files again (all of a model loaded in bulk, a few at a time); files no longer in the model are skipped. */
  lint(files: readonly string[]): void {
    // what the Pod budget moved while the model was loaded in bulk is covered by linting all of it
    this.model.takeBudgetChanges();
    this.relint(files);
  }

  /** Replaces a file (`skipped`: it could not be read, see ClusterModel.setFile); returns the files whose findings were recomputed (the file first). */
  setFile(file: string, text: string, skipped?: string): string[] {
    return this.setParsedFile(readManifestFile(file, text, this.model.settings, skipped));
  }

  /** Replaces a file parsed already (one parse serves the sessions of every apply unit holding it). */
  setParsedFile(entry: ManifestFile): string[] {
    const { file } = entry;
    const touched = this.model.dependencyKeysOf(file);
    this.model.setParsedFile(entry);
    for (const key of this.model.dependencyKeysOf(file)) touched.add(key);
    const moved = this.model.takeBudgetChanges();
    for (const key of moved.keys) touched.add(key);
    const affected = this.readersOf(touched);
    for (const other of moved.files) affected.add(other);
    affected.delete(file);
    const files = [file, ...affected];
    this.relint(files);
    return files;
  }

  /** Removes a file; returns the other files whose findings were recomputed. */
  removeFile(file: string): string[] {
    const touched = this.model.dependencyKeysOf(file);
    this.model.removeFile(file);
    this.forget(file);
    this.findingsByFile.delete(file);
    this.failuresByFile.delete(file);
    // a file that freed Pod budget gives it to others (see ClusterModel.takeBudgetChanges)
    const moved = this.model.takeBudgetChanges();
    for (const key of moved.keys) touched.add(key);
    const files = [...new Set([...this.readersOf(touched), ...moved.files])].filter((other) => other !== file);
    this.relint(files);
    return files;
  }

  findings(file: string): readonly Finding[] {
    return this.findingsByFile.get(file) ?? [];
  }

  /** Every finding, file by file in the model's order. */
  allFindings(): Finding[] {
    return [...this.model.files()].flatMap((entry) => this.findings(entry.file));
  }

  failuresOf(file: string): readonly RuleFailure[] {
    return this.failuresByFile.get(file) ?? [];
  }

  failures(): RuleFailure[] {
    return [...this.failuresByFile.values()].flat();
  }

  private readersOf(keys: Iterable<string>): Set<string> {
    const files = new Set<string>();
    for (const key of keys) for (const file of this.readers.get(key) ?? []) files.add(file);
    return files;
  }

  private relint(files: readonly string[]): void {
    const objectRules = enabledObjectRules(this.model);
    for (const file of files) {
      const entry = this.model.file(file);
      this.forget(file);
      if (!entry) continue;
      const findings: Finding[] = [];
      const failures: RuleFailure[] = [];
      const { reads } = this.model.trackReads(() => lintEntry(this.model, entry, objectRules, findings, failures));
      this.findingsByFile.set(file, findings);
      this.failuresByFile.set(file, failures);
      this.readsByFile.set(file, reads);
      for (const key of reads) {
        let readers = this.readers.get(key);
        if (!readers) {
          readers = new Set();
          this.readers.set(key, readers);
        }
        readers.add(file);
      }
    }
  }

  private forget(file: string): void {
    for (const key of this.readsByFile.get(file) ?? []) {
      const readers = this.readers.get(key);
      readers?.delete(file);
      if (readers?.size === 0) this.readers.delete(key);
    }
    this.readsByFile.delete(file);
  }
}
