import type { ClusterModel } from '../model/clusterModel';
import { MAX_PODS_PER_WORKLOAD, MAX_PODS_PER_WORKSPACE, type PodShortfall } from '../model/podBudget';

/**
 * One line saying that Pods, and so the records and answers made from them, are truncated; none
 * when every Pod the workloads ask for is simulated. Records and transcripts carry it rather than
 * pretend a list of 1,000 endpoints is a Service's whole list.
 */
export function truncatedPodsNote(model: ClusterModel): string | undefined {
  const shortfalls = model.podShortfalls();
  if (shortfalls.length === 0) return undefined;
  const named = shortfalls.slice(0, 3).map((shortfall) => `${describe(shortfall)} (${shortfall.simulated} of ${shortfall.requested})`).join(', ');
  const more = shortfalls.length > 3 ? ` and ${shortfalls.length - 3} more workloads` : '';
  return `Pods truncated: ${named}${more} ask for more Pods than are simulated (at most ${MAX_PODS_PER_WORKLOAD} per workload, ${MAX_PODS_PER_WORKSPACE} per workspace); records and answers list the simulated Pods only`;
}

/** The truncated workloads, as JSON output lists them. */
export function truncatedPodsJson(model: ClusterModel): { kind: string; namespace: string; name: string; requested: number; simulated: number }[] {
  return model.podShortfalls().map(({ owner, requested, simulated }) => ({ kind: owner.kind, namespace: owner.namespace, name: owner.name, requested, simulated }));
}

function describe({ owner }: PodShortfall): string {
  const name = `${owner.namespace}/${owner.name}`;
  // a name can be a megabyte long; the note stays one short line
  return `${owner.kind} ${name.length > 80 ? `${name.slice(0, 80)}…` : name}`;
}
