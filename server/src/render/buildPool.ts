import * as os from 'node:os';
import type { KustomizeTool } from './kustomizeTool';
import { buildKustomizationAsync, defaultRenderLimits, type KustomizeBuild, type RenderLimits } from './runKustomize';

/** How many builds run at once: one per processor the machine gives this process. */
export function defaultConcurrency(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * Runs `work` on every item, at most `limit` at a time, and gives the results in the order of the
 * items. A failed item rejects the whole (a build never rejects: it says why it failed instead).
 */
export async function runConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/** Builds Kustomize roots (their folders), `concurrency` kustomize processes at a time, each under the limits; error paths relative to `messagesBase`. */
export function buildRoots(rootFolders: readonly string[], tool: KustomizeTool, limits: RenderLimits = defaultRenderLimits, concurrency = defaultConcurrency(), messagesBase = process.cwd()): Promise<KustomizeBuild[]> {
  return runConcurrently(rootFolders, concurrency, (folder) => buildKustomizationAsync(folder, tool, limits, messagesBase));
}
