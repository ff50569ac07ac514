import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticsTracker, DiagnosticsUpdate } from '../service/diagnostics';
import type { Partition } from '../service/workspace';

/** Time spent linting per turn of the event loop: a request waits for about one slice. */
const SLICE_MS = 5;

/** The time one version of a file may take to check, by default, before it is skipped. */
export const LINT_BUDGET_MS = 10_000;

/**
 * Decides what to lint and publish, and lints it in slices of about 5 ms, an object at a time,
 * between which requests (hovers, the next keystroke) are served. After an edit the partition first
 * settles its clusters (a file came or went, a kustomization changed); then the files the edit made
 * stale are linted, each in the clusters where it is stale, and their merged findings published. A
 * partition built or rebuilt (indexing, new settings) is linted whole once, open files first; from
 * then on its sessions track every edit. Only files whose diagnostics actually changed are
 * published. A file whose lint takes more than the budget is skipped with a `file-skipped` finding,
 * so one hostile file cannot keep the server busy for good.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Map<Partition, Set<string>>();
  private readonly whole = new Set<Partition>();
  private readonly dropped = new WeakSet<Partition>();
  private scheduled = false;
  private running = false;
  private sliceStart = 0;

  constructor(
    private readonly tracker: DiagnosticsTracker,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly isOpen: (uri: string) => boolean,
    private readonly log: (message: string) => void,
    private readonly onIdle: () => void,
    /** Lint time one version of a file may take before it is skipped. */
    private readonly fileBudgetMs = LINT_BUDGET_MS,
  ) {}

  /** True while linting or publishing is queued or under way. */
  get busy(): boolean {
    return this.scheduled || this.running;
  }

  /** Files whose findings may have changed (as a partition's setFile or removeFile returned them). */
  filesChanged(partition: Partition, files: readonly string[]): void {
    if (files.length === 0 && !partition.needsSettling && !partition.loading) return;
    let set = this.pending.get(partition);
    if (!set) this.pending.set(partition, (set = new Set()));
    for (const file of files) set.add(file);
    this.schedule();
  }

  /** Lints every file of a partition whose session does not track edits yet (loaded or rebuilt). */
  lintAll(partition: Partition): void {
    if (partition.tracking && !this.whole.has(partition)) return;
    this.dropped.delete(partition);
    this.whole.add(partition);
    this.schedule();
  }

  /** Drops a partition that no longer exists (its folder was removed). */
  forget(partition: Partition): void {
    this.pending.delete(partition);
    this.whole.delete(partition);
    this.dropped.add(partition);
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    this.sliceStart = performance.now();
    try {
      await this.lintPending();
      for (const partition of [...this.whole]) {
        this.whole.delete(partition);
        await this.lintWhole(partition);
        await this.lintPending();
      }
    } catch (error) {
      this.log(`diagnostics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      this.running = false;
      if (this.pending.size > 0 || this.whole.size > 0) this.schedule();
      else this.onIdle();
    }
  }

  /**
   * Lints and publishes the stale files, one at a time (edits that come meanwhile queue more); in a
   * partition not yet tracking, provisionally, against its clusters filled first.
   */
  private async lintPending(): Promise<void> {
    while (this.pending.size > 0) {
      const [partition, files] = this.pending.entries().next().value!;
      if (this.dropped.has(partition)) {
        this.pending.delete(partition);
        continue;
      }
      // large files parsed meanwhile go into the clusters' models first, in slices too
      if (partition.loading) {
        await this.load(partition, files);
        if (this.dropped.has(partition)) continue;
      }
      const tracked = partition.tracking;
      for (const file of partition.settle()) files.add(file);
      // a cluster came: the folder is linted whole again
      if (tracked && !partition.tracking) this.lintAll(partition);
      // a provisional lint against half-filled clusters would flash findings that are not there
      if (!partition.tracking) partition.populate();
      const file = files.values().next().value;
      if (file !== undefined) files.delete(file);
      if (files.size === 0) this.pending.delete(partition);
      if (file !== undefined) await this.lintFile(partition, file, false);
    }
  }

  private async lintWhole(partition: Partition): Promise<void> {
    if (partition.loading) await this.load(partition, new Set());
    if (this.dropped.has(partition)) return;
    partition.settle();
    const generation = partition.generation;
    // the clusters' models are filled in slices too
    while (!partition.populate(SLICE_MS)) {
      await this.yieldToRequests();
      await this.lintPending();
      if (partition.generation !== generation || this.dropped.has(partition)) return;
    }
    // edits from here on go through the sessions, which say which files they make stale
    partition.tracking = true;
    const files = partition.fileUris();
    const ordered = [...files.filter(this.isOpen), ...files.filter((file) => !this.isOpen(file))];
    for (const file of ordered) {
      // rebuilt (its next pass is queued) or removed meanwhile
      if (partition.generation !== generation || this.dropped.has(partition)) return;
      await this.lintFile(partition, file, true);
      // edits first
      await this.lintPending();
    }
  }

  /**
   * Reads the partition's queued large files into its models a slice at a time; the files they
   * made stale join `files`.
   */
  private async load(partition: Partition, files: Set<string>): Promise<void> {
    const pause = (): boolean => performance.now() - this.sliceStart >= SLICE_MS;
    for (;;) {
      const { done, affected } = partition.load(pause);
      for (const file of affected) files.add(file);
      if (done || this.dropped.has(partition)) return;
      await this.yieldToRequests();
    }
  }

  /**
   * Lints one file (in every cluster holding it when `all`, else where it is stale) an object at a
   * time, yielding to requests every SLICE_MS, then publishes its merged findings.
   */
  private async lintFile(partition: Partition, file: string, all: boolean): Promise<void> {
    const generation = partition.generation;
    const version = partition.entryOf(file);
    const steps = partition.lintSteps(file, all);
    let spent = 0;
    for (;;) {
      const started = performance.now();
      const done = steps.step();
      const now = performance.now();
      spent += now - started;
      if (done) break;
      if (spent > this.fileBudgetMs) {
        steps.skip(`File skipped: checking it took longer than ${seconds(this.fileBudgetMs)} (the language server's time budget per file).`);
        break;
      }
      if (now - this.sliceStart >= SLICE_MS) {
        await this.yieldToRequests();
        if (partition.generation !== generation || this.dropped.has(partition)) return;
      }
    }
    // edited meanwhile: its old findings would be placed on the new text; it is pending again
    if (partition.entryOf(file) !== version) return;
    // thousands of findings are turned into diagnostics in slices too
    const update = this.tracker.updateInSteps(partition, [file]);
    const pause = (): boolean => performance.now() - this.sliceStart >= SLICE_MS;
    while (!update.step(pause)) {
      await this.yieldToRequests();
      if (partition.entryOf(file) !== version || partition.generation !== generation || this.dropped.has(partition)) return;
    }
    this.publishUpdate(update.result);
    if (performance.now() - this.sliceStart >= SLICE_MS) await this.yieldToRequests();
  }

  /** Lets hovers and the next keystroke in. */
  private async yieldToRequests(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }

  private publishUpdate(update: DiagnosticsUpdate): void {
    for (const failure of update.failures) this.log(`rule ${failure.ruleId} failed on ${failure.objectId}: ${failure.error}`);
    for (const { uri, diagnostics } of update.changed) this.publish(uri, diagnostics);
  }
}

/** A duration for a message: `0.05 s`, `10 s`. */
export function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(2)} s`;
}
