import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticsTracker } from '../service/diagnostics';
import type { Partition } from '../service/workspace';

/** Time spent linting per turn of the event loop while the rest of a workspace is re-checked. */
const SLICE_MS = 10;
/** Quiet time after the last change before the rest of the workspace is re-checked (typing bursts). */
const SETTLE_MS = 120;

/**
 * Decides what to re-lint after a change. The edited file is checked at once. The other files of
 * its cluster follow once typing pauses, in slices of about 10 ms between which requests (hovers,
 * the next keystroke) are served; a newer change restarts that pass. Cross-file rules can make any
 * file's findings depend on any other, so every file of the partition is re-checked, but only the
 * files whose diagnostics actually changed are published.
 */
export class DiagnosticsScheduler {
  private readonly urgent = new Map<Partition, Set<string>>();
  private readonly stale = new Set<Partition>();
  private epoch = 0;
  private scheduled = false;
  private running = false;
  private lastChange = 0;

  constructor(
    private readonly tracker: DiagnosticsTracker,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly log: (message: string) => void,
    private readonly onIdle: () => void,
  ) {}

  fileChanged(partition: Partition, uri: string): void {
    let files = this.urgent.get(partition);
    if (!files) this.urgent.set(partition, (files = new Set()));
    files.add(uri);
    this.partitionChanged(partition);
  }

  partitionChanged(partition: Partition): void {
    this.stale.add(partition);
    this.epoch += 1;
    this.lastChange = Date.now();
    this.schedule();
  }

  /** Drops a partition that no longer exists (its folder was removed). */
  forget(partition: Partition): void {
    this.urgent.delete(partition);
    this.stale.delete(partition);
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
      for (const [partition, files] of [...this.urgent]) {
        this.urgent.delete(partition);
        this.lint(partition, [...files]);
      }
      const quiet = this.lastChange + SETTLE_MS - Date.now();
      if (quiet > 0) {
        await new Promise((resolve) => setTimeout(resolve, quiet));
        if (this.urgent.size > 0) return;
      }
      const epoch = this.epoch;
      restart: for (const partition of [...this.stale]) {
        this.stale.delete(partition);
        const files = [...partition.model.files()].map((entry) => entry.file);
        let sliceStart = Date.now();
        for (const file of files) {
          if (Date.now() - sliceStart >= SLICE_MS) {
            // let hovers and the next keystroke in
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = Date.now();
          }
          if (this.epoch !== epoch) {
            this.stale.add(partition);
            break restart;
          }
          this.lint(partition, [file]);
        }
      }
    } catch (error) {
      this.log(`diagnostics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      this.running = false;
      if (this.urgent.size > 0 || this.stale.size > 0) this.schedule();
      else this.onIdle();
    }
  }

  private lint(partition: Partition, files: string[]): void {
    const present = files.filter((file) => partition.model.file(file));
    const update = this.tracker.update(partition.model, present);
    for (const failure of update.failures) this.log(`rule ${failure.ruleId} failed on ${failure.objectId}: ${failure.error}`);
    for (const { uri, diagnostics } of update.changed) this.publish(uri, diagnostics);
  }
}
