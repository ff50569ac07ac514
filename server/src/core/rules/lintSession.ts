import { readManifestFile, type ClusterModel, type ManifestFile } from '../model/clusterModel';
import { rulesById } from './index';
import { effectiveSeverity, enabledObjectRules, finishFileFindings, lintEntry, lintIssues, lintObject, type RuleFailure } from './runRules';
import type { Finding } from './types';

/**
 * Keeps the findings of every file current while files change one at a time, as the editor needs.
 * Linting a file records what its rules read from the model; a change to a file re-lints that
 * file and only the files whose last lint read something the change touched (before or after
 * it), so the cost follows the edit, not the size of the workspace.
 *
 * A caller that must stay responsive changes files with `changeParsedFile` / `forgetFile` and lints
 * the files they return in steps (`lintInSteps`), an object at a time, between which the model may
 * change again.
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

  /** Replaces a file parsed already (one parse serves the sessions of every apply unit holding it); returns the files whose findings were recomputed (the file first). */
  setParsedFile(entry: ManifestFile): string[] {
    const files = this.changeParsedFile(entry);
    this.relint(files);
    return files;
  }

  /** Removes a file; returns the other files whose findings were recomputed. */
  removeFile(file: string): string[] {
    const files = this.forgetFile(file);
    this.relint(files);
    return files;
  }

  /** Replaces a file without linting (see changeParsedFile). */
  changeFile(file: string, text: string, skipped?: string): string[] {
    return this.changeParsedFile(readManifestFile(file, text, this.model.settings, skipped));
  }

  /** Replaces a file parsed already without linting: returns the files whose findings are now stale (the file first). */
  changeParsedFile(entry: ManifestFile): string[] {
    const staging = this.stageParsedFile(entry);
    while (!staging.step());
    return staging.stale();
  }

  /**
   * Replaces a file parsed already without linting, a slice at a time (see ClusterModel.stageFile):
   * once `step()` says the file is in, `stale()` gives the files whose findings are now stale (the
   * file first). Lint nothing of this session before then: the model holds part of the file.
   */
  stageParsedFile(entry: ManifestFile): SessionStaging {
    const { file } = entry;
    const staging = this.model.stageFileWithKeys(entry);
    // no lint runs meanwhile, so who read what stays put: the readers are gathered in steps too
    const affected = new Set<string>();
    let keys: Iterator<string> | undefined;
    let keySets: ReadonlySet<string>[] | undefined;
    let moved: readonly string[] = [];
    let done = false;
    const step = (pause: () => boolean = () => false): boolean => {
      if (done) return true;
      if (!staging.step(pause)) return false;
      if (!keySets) {
        const budget = this.model.takeBudgetChanges();
        keySets = [staging.keysBefore, staging.keysAfter, budget.keys];
        moved = budget.files;
      }
      for (;;) {
        if (!keys) {
          const next = keySets.shift();
          if (!next) break;
          keys = next.values();
        }
        let count = 0;
        for (let key = keys.next(); !key.done; key = keys.next()) {
          for (const reader of this.readers.get(key.value) ?? []) affected.add(reader);
          if (++count % KEYS_BETWEEN_PAUSES === 0 && pause()) return false;
        }
        keys = undefined;
      }
      for (const other of moved) affected.add(other);
      affected.delete(file);
      done = true;
      return true;
    };
    return {
      step,
      stale: (): string[] => {
        step();
        return [file, ...affected];
      },
    };
  }

  /** Removes a file without linting: returns the other files whose findings are now stale. */
  forgetFile(file: string): string[] {
    const touched = this.model.dependencyKeysOf(file);
    this.model.removeFile(file);
    this.forget(file);
    this.findingsByFile.delete(file);
    this.failuresByFile.delete(file);
    // a file that freed Pod budget gives it to others (see ClusterModel.takeBudgetChanges)
    const moved = this.model.takeBudgetChanges();
    for (const key of moved.keys) touched.add(key);
    return [...new Set([...this.readersOf([touched]), ...moved.files])].filter((other) => other !== file);
  }

  /**
   * Lints one file an object at a time: each `step()` checks one object and returns true once the
   * file's findings are in. What each step reads is recorded at once, so a change to the model
   * between steps that touches what was read makes the file stale again (changeParsedFile returns
   * it). A change of the file itself abandons the lint (`step()` returns true, nothing is kept).
   * `bulk`: the model was loaded in bulk, and what the Pod budget moved meanwhile is covered by
   * linting all of it (as `lint`).
   */
  lintInSteps(file: string, bulk = false): LintSteps {
    if (bulk) this.model.takeBudgetChanges();
    const entry = this.model.file(file);
    this.forget(file);
    if (!entry) {
      this.findingsByFile.delete(file);
      this.failuresByFile.delete(file);
      return { step: () => true };
    }
    const objectRules = enabledObjectRules(this.model);
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    const reads = new Set<string>();
    this.readsByFile.set(file, reads);
    let next = -1;
    return {
      step: (): boolean => {
        if (this.model.file(file) !== entry || this.readsByFile.get(file) !== reads) return true;
        if (next < entry.objects.length) {
          const { reads: stepReads } = this.model.trackReads(() => {
            if (next < 0) lintIssues(this.model, entry, findings);
            else lintObject(this.model, entry.objects[next], objectRules, findings, failures);
          });
          this.noteReads(file, reads, stepReads);
          next += 1;
          return false;
        }
        // finishing is a step of its own: 28,000 findings take as long as a few objects
        finishFileFindings(findings, 0, entry.text);
        this.findingsByFile.set(file, findings);
        this.failuresByFile.set(file, failures);
        return true;
      },
    };
  }

  /** Gives up on linting a file: its findings become one `file-skipped` finding with the reason. */
  skip(file: string, message: string): void {
    this.forget(file);
    const rule = rulesById.get('file-skipped')!;
    const severity = effectiveSeverity(this.model, rule);
    const entry = this.model.file(file);
    this.findingsByFile.set(file, severity && entry ? [{ ruleId: 'file-skipped', messageId: Object.keys(rule.meta.messages)[0], severity, message, file, span: { start: 0, end: 0 }, related: [], fixes: [] }] : []);
    this.failuresByFile.set(file, []);
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

  private readersOf(keySets: Iterable<Iterable<string>>): Set<string> {
    const files = new Set<string>();
    for (const keys of keySets) for (const key of keys) for (const file of this.readers.get(key) ?? []) files.add(file);
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
      this.readsByFile.set(file, new Set());
      this.noteReads(file, this.readsByFile.get(file)!, reads);
    }
  }

  private noteReads(file: string, into: Set<string>, reads: Iterable<string>): void {
    for (const key of reads) {
      into.add(key);
      let readers = this.readers.get(key);
      if (!readers) {
        readers = new Set();
        this.readers.set(key, readers);
      }
      readers.add(file);
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

/** A lint in progress, advanced one object per step. */
export interface LintSteps {
  /** Lints the next object; true when the lint is over (done or abandoned). */
  step(): boolean;
}

/** Dependency keys looked up between two looks at the clock. */
const KEYS_BETWEEN_PAUSES = 512;

/** A file going into a session's model a slice at a time (see LintSession.stageParsedFile). */
export interface SessionStaging {
  /** Works an object at a time until `pause` says to; true once the file is in. */
  step(pause?: () => boolean): boolean;
  /** Finishes the staging if need be; the files whose findings it made stale, the file first. */
  stale(): string[];
}
