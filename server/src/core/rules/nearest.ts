import type { ClusterModel } from '../model/clusterModel';
import type { ServiceView } from '../model/serviceView';

/**
 * A workspace often holds several applications side by side (a repository of examples, one folder
 * per app), whose objects share names and labels although they never run together. When a rule
 * would blame one object for another that merely matches, it keeps only the candidates nearest to
 * the object in the folder tree: the fewest folders up to a common ancestor and down again.
 */
export function nearest<T>(fromFile: string, candidates: readonly T[], fileOf: (candidate: T) => string): T[] {
  if (candidates.length < 2) return [...candidates];
  const distances = candidates.map((candidate) => folderDistance(fromFile, fileOf(candidate)));
  const best = Math.min(...distances);
  return candidates.filter((_, index) => distances[index] === best);
}

/** The Service of that name in the namespace, taking the nearest definition when there are several. */
export function nearestService(model: ClusterModel, namespace: string, name: string, fromFile: string): ServiceView | undefined {
  const definitions = model.objectsNamed('Service', namespace, name);
  if (definitions.length < 2) return model.service(namespace, name);
  const chosen = nearest(fromFile, definitions, (object) => object.file)[0];
  return model.services().find((service) => service.object === chosen);
}

/** Folders from one file's folder up to the common ancestor and down to the other's: 0 for the same folder. */
export function folderDistance(a: string, b: string): number {
  const left = a.split(/[\\/]/).slice(0, -1);
  const right = b.split(/[\\/]/).slice(0, -1);
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++;
  return left.length - shared + (right.length - shared);
}
