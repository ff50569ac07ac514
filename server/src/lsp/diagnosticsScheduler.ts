import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticsTracker } from '../service/diagnostics';
import type { Partition } from '../service/workspace';

/** Time spent linting per turn of the event loop while a whole folder is linted. */
const SLICE_MS = 10;

/**
 * Decides what to lint and publish. After an edit the LintSessions of the file's clusters have
 * already re-linted the edited file and the files whose findings it can change; those are published
 * on the next turn of the event loop, after the partition has settled its clusters (a file came or
 * went, a kustomization changed). A partition built or rebuilt (indexing, new settings) is linted
 * whole once, open files first, in slices of about 10 ms between which requests (hovers, the next
 * keystroke) are served; from then on its session tracks every edit. Only files whose diagnostics
 * actually changed are published.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Map<Partition, Set<string>>();
  private readonly whole = new Set<Partition>();
  private readonly dropped = new WeakSet<Partition>();
  private scheduled = false;
  private running = false;

  constructor(
    private readonly tracker: DiagnosticsTracker,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly isOpen: (uri: string) => boolean,
    private readonly log: (message: string) => void,
    private readonly onIdle: () => void,
  ) {}

  /** True while linting or publishing is queued or under way. */
  get busy(): boolean {
    return this.scheduled || this.running;
  }

  /** Files whose findings may have changed (as a partition's setFile or removeFile returned them). */
  filesChanged(partition: Partition, files: readonly string[]): void {
    if (files.length === 0 && !partition.needsSettling) return;
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
    try {
      this.flushPending();
      for (const partition of [...this.whole]) {
        this.whole.delete(partition);
        await this.lintWhole(partition);
        this.flushPending();
      }
    } catch (error) {
      this.log(`diagnostics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      this.running = false;
      if (this.pending.size > 0 || this.whole.size > 0) this.schedule();
      else this.onIdle();
    }
  }

  /** Publishes the changed files; in a partition not yet tracking, lints them first (provisionally). */
  private flushPending(): void {
    for (const [partition, files] of [...this.pending]) {
      this.pending.delete(partition);
      const tracked = partition.tracking;
      for (const file of partition.settle()) files.add(file);
      // a cluster came: the folder is linted whole again
      if (tracked && !partition.tracking) this.lintAll(partition);
      if (!partition.tracking) {
        // a provisional lint against half-filled clusters would flash findings that are not there
        partition.populate();
        partition.lint([...files]);
      }
      this.send(partition, [...files]);
    }
  }

  private async lintWhole(partition: Partition): Promise<void> {
    partition.settle();
    const generation = partition.generation;
    // the clusters' models are filled in slices too
    while (!partition.populate(SLICE_MS)) {
      await new Promise((resolve) => setImmediate(resolve));
      this.flushPending();
      if (partition.generation !== generation || this.dropped.has(partition)) return;
    }
    // edits from here on go through the sessions, which re-lint what they affect
    partition.tracking = true;
    const files = partition.fileUris();
    const ordered = [...files.filter(this.isOpen), ...files.filter((file) => !this.isOpen(file))];
    let sliceStart = Date.now();
    for (const file of ordered) {
      if (Date.now() - sliceStart >= SLICE_MS) {
        // let hovers and the next keystroke in
        await new Promise((resolve) => setImmediate(resolve));
        this.flushPending();
        sliceStart = Date.now();
        // rebuilt (its next pass is queued) or removed meanwhile
        if (partition.generation !== generation || this.dropped.has(partition)) return;
      }
      partition.lint([file]);
      this.send(partition, [file]);
    }
  }

  private send(partition: Partition, files: string[]): void {
    const update = this.tracker.update(partition, files);
    for (const failure of update.failures) this.log(`rule ${failure.ruleId} failed on ${failure.objectId}: ${failure.error}`);
    for (const { uri, diagnostics } of update.changed) this.publish(uri, diagnostics);
  }
}
