/**
 * A repository often holds the same object in several files that are never applied together: a
 * `deploy.yaml` per cloud provider, an HA and a plain bundle, copies in samples. Such definitions are
 * alternatives. Each is checked among the objects nearest to its own file, so one copy is never
 * blamed for, or compared with, another.
 */

/** How far apart two files sit: 0 for the same file, else 1 + the folders up to a common ancestor and down. */
export function fileDistance(from: string, to: string): number {
  return from === to ? 0 : 1 + folderDistance(from, to);
}

/** Folders from one file's folder up to the common ancestor and down to the other's: 0 for the same folder. */
export function folderDistance(a: string, b: string): number {
  const left = a.split(/[\\/]/).slice(0, -1);
  const right = b.split(/[\\/]/).slice(0, -1);
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++;
  return left.length - shared + (right.length - shared);
}

/** The candidates nearest to `fromFile` (every one that ties), in their given order. */
export function nearest<T>(fromFile: string, candidates: readonly T[], fileOf: (candidate: T) => string): T[] {
  if (candidates.length < 2) return [...candidates];
  const distances = candidates.map((candidate) => fileDistance(fromFile, fileOf(candidate)));
  const best = Math.min(...distances);
  return candidates.filter((_, index) => distances[index] === best);
}
