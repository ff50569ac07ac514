import type { ManifestObject } from './manifestObject';

/**
 * How many Pods are simulated. Each replica becomes a Pod with a name, labels, an address and DNS
 * records, so without a cap a few kilobytes of `replicas: 100000` took gigabytes: a workload makes
 * at most MAX_PODS_PER_WORKLOAD Pods, and the workloads of a workspace together at most
 * MAX_PODS_PER_WORKSPACE (bare Pods are written out one by one, so they are not counted). The
 * workspace's Pods go to files in path order, so which ones are simulated does not depend on the
 * order files were read in.
 */
export const MAX_PODS_PER_WORKLOAD = 1_000;
export const MAX_PODS_PER_WORKSPACE = 100_000;

/** A workload that asks for more Pods than are simulated. */
export interface PodShortfall {
  readonly owner: ManifestObject;
  /** The Pods its spec asks for (replicas, nodes, parallel Job Pods). */
  readonly requested: number;
  readonly simulated: number;
  /** Which cap cut it short. */
  readonly cap: 'workload' | 'workspace';
}

/**
 * The Pods each file may make, given what each asks for (after the per-workload cap): files in
 * path order take what they ask until the workspace's budget is spent. Files not listed ask none.
 */
export function allotPods(demands: ReadonlyMap<string, number>, compare: (a: string, b: string) => number): Map<string, number> {
  const allotments = new Map<string, number>();
  let left = MAX_PODS_PER_WORKSPACE;
  for (const file of [...demands.keys()].sort(compare)) {
    const given = Math.min(demands.get(file)!, left);
    allotments.set(file, given);
    left -= given;
  }
  return allotments;
}
