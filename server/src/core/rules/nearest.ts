import type { ClusterModel } from '../model/clusterModel';
import type { ServiceView } from '../model/serviceView';

/**
 * A workspace often holds several applications side by side (a repository of examples, one folder
 * per app), whose objects share names and labels although they never run together. When a rule
 * would blame one object for another that merely matches, it keeps only the candidates nearest to
 * the object in the folder tree: those sharing the longest folder prefix with it.
 */
export function nearest<T>(fromFile: string, candidates: readonly T[], fileOf: (candidate: T) => string): T[] {
  if (candidates.length < 2) return [...candidates];
  const depths = candidates.map((candidate) => sharedDepth(fromFile, fileOf(candidate)));
  const best = Math.max(...depths);
  return candidates.filter((_, index) => depths[index] === best);
}

/** The Service of that name in the namespace, taking the nearest definition when there are several. */
export function nearestService(model: ClusterModel, namespace: string, name: string, fromFile: string): ServiceView | undefined {
  const definitions = model.objectsNamed('Service', namespace, name);
  if (definitions.length < 2) return model.service(namespace, name);
  const chosen = nearest(fromFile, definitions, (object) => object.file)[0];
  return model.services().find((service) => service.object === chosen);
}

/** How many leading folders two file paths share. */
function sharedDepth(a: string, b: string): number {
  const left = a.split(/[\\/]/).slice(0, -1);
  const right = b.split(/[\\/]/).slice(0, -1);
  let depth = 0;
  while (depth < left.length && depth < right.length && left[depth] === right[depth]) depth++;
  return depth;
}
