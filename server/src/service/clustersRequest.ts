import type { ClustersResult } from '../protocol';
import type { Partition } from './workspace';

/** The answer to `kubeLookup/clusters`: the folder's clusters, the document's, and its active one. */
export function clustersOf(partition: Partition | undefined, uri: string, withFiles = true): ClustersResult {
  if (!partition) return { folder: null, clusters: [], fileClusters: [], active: null };
  return {
    folder: partition.isFolder ? partition.key : null,
    clusters: partition.clusters().map(({ unit, model }) => ({
      name: unit.name,
      kind: unit.kind,
      root: unit.root ?? null,
      files: withFiles ? unit.files : [],
      support: withFiles ? unit.support : [],
      fileCount: unit.files.length,
      services: model.size().services,
    })),
    fileClusters: partition.clustersOf(uri).map((unit) => unit.name),
    active: partition.lookupCluster(uri)?.name ?? null,
  };
}
