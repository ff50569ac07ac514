import type { AnalysisSettings } from '../settings';
import { compareFiles } from './fileOrder';
import { parseIp, type IpFamily } from './ip';
import type { IpAllocator } from './ipAllocator';
import type { ManifestObject } from './manifestObject';
import { podLabelsOf } from './controllerLabels';
import { MAX_PODS_PER_WORKLOAD } from './podBudget';
import { controllerPodName, indexedJobPodName, jobName } from './podNames';
import { podTemplateOf, type PodTemplateView, type PodView } from './podView';
import { readPodStatusPlain, readReplicaSpecPlain } from './schemas/plainReaders';
import type { ReplicaSpec } from './schemas/workload';

const WORKLOAD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob'] as const;

/** A Pod before addresses are given out: everything that depends on its own object only. */
export interface PodDraft {
  readonly name: string;
  readonly template: PodTemplateView;
  readonly ordinal?: number;
  /** The hostname the controller writes into the Pod spec: StatefulSet `<set>-<ordinal>`, Indexed Job `<job>-<index>`. */
  readonly controllerHostname?: string;
  /** The template's labels with those the controller writes whose values are known (controllerLabels.ts). */
  readonly labels: Readonly<Record<string, string>>;
  readonly nodeName: string;
  readonly declaredIps: { ip: string; family: IpFamily }[];
  readonly ready: boolean;
  readonly readiness: 'declared' | 'assumed';
  readonly phase?: string;
}

export interface PodAddresses {
  readonly ips: readonly { readonly ip: string; readonly family: IpFamily }[];
  readonly ipSimulated: boolean;
}

export function isWorkloadKind(kind: string): boolean {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/**
 * The first `count` Pods one object makes (none for other kinds), named as its controller names
 * them and in the order it creates them: by default as many as its spec asks for, within the cap
 * of podBudget; a rule may ask for the first Pod of a workload that runs none now (`replicas: 0`,
 * a suspended Job).
 */
export function podDraftsOf(owner: ManifestObject, settings: AnalysisSettings, count = requestedPodCount(owner, settings)): PodDraft[] {
  if (!isWorkloadKind(owner.kind)) return [];
  const template = podTemplateOf(owner);
  const made = Math.min(count, MAX_PODS_PER_WORKLOAD);
  return template && made > 0 ? draftsFor(owner, template, nodesOf(settings), made) : [];
}

/** How many Pods the object's spec asks for, before any cap: 1 for a Pod, the replicas, a Pod per node, a Job's active Pods. */
export function requestedPodCount(owner: ManifestObject, settings: AnalysisSettings): number {
  if (!isWorkloadKind(owner.kind) || !podTemplateOf(owner)) return 0;
  if (owner.kind === 'Pod') return 1;
  // a KEDA ScaledJob's Jobs run only while its trigger has events: none are assumed (rules judge its first Pod, podsMadeBy)
  if (owner.kind === 'ScaledJob') return 0;
  const spec = replicaSpecOf(owner);
  if (owner.kind === 'DaemonSet') return settings.nodeAddresses.length;
  if (owner.kind === 'Job' || owner.kind === 'CronJob') {
    // the Job controller keeps min(parallelism, completions) Pods active; a suspended Job (or CronJob) runs none
    const jobSpec = owner.kind === 'Job' ? spec : (spec.jobTemplate?.spec ?? {});
    if (spec.suspend === true || jobSpec.suspend === true) return 0;
    return countOf(Math.min(jobSpec.parallelism ?? 1, jobSpec.completions ?? Number.POSITIVE_INFINITY));
  }
  return countOf(spec.replicas ?? 1);
}

/** The Pods the workloads of a file ask the workspace's budget for: each capped per workload; bare Pods are not counted. */
export function podDemandOf(objects: readonly ManifestObject[], settings: AnalysisSettings): number {
  let demand = 0;
  for (const object of objects) if (object.kind !== 'Pod') demand += Math.min(requestedPodCount(object, settings), MAX_PODS_PER_WORKLOAD);
  return demand;
}

/** A count as a spec may write it (negative, fractional, or beyond any cluster) as a whole number of Pods. */
function countOf(value: number): number {
  return Number.isNaN(value) ? 0 : Math.max(0, Math.floor(Math.min(value, Number.MAX_SAFE_INTEGER)));
}

/** Sorts as the allocator takes them: by namespace/name. */
export function comparePodDrafts(a: { readonly template: PodTemplateView; readonly name: string }, b: { readonly template: PodTemplateView; readonly name: string }): number {
  const namespaceA = a.template.owner.namespace;
  const namespaceB = b.template.owner.namespace;
  // the same order as comparing `namespace/name`, without building the strings in the common case;
  // a Pod defined twice: the files decide, not the order they were read in
  if (namespaceA === namespaceB) return a.name !== b.name ? (a.name < b.name ? -1 : 1) : compareFiles(a.template.owner.file, b.template.owner.file);
  const keyA = namespaceA + '/' + a.name;
  const keyB = namespaceB + '/' + b.name;
  return keyA !== keyB ? (keyA < keyB ? -1 : 1) : compareFiles(a.template.owner.file, b.template.owner.file);
}

/**
 * A Pod as the model shows it. Its addresses depend on every other Pod (undeclared ones are
 * allocated in sorted order), so they are asked of `addresses` only when read.
 */
export function podViewOf(draft: PodDraft, addresses: (draft: PodDraft) => PodAddresses): PodView {
  return new ModelledPod(draft, addresses);
}

/**
 * A class rather than an object literal with getters: V8 keeps such literals as dictionaries,
 * several times larger, and a workspace has a view per replica.
 */
class ModelledPod implements PodView {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly template: PodTemplateView;
  readonly hostname: string;
  readonly hostnameSet: boolean;
  readonly subdomain: string | undefined;
  readonly ready: boolean;
  readonly readiness: 'declared' | 'assumed';
  readonly phase: string | undefined;
  readonly nodeName: string;
  readonly ordinal: number | undefined;
  readonly #draft: PodDraft;
  readonly #addresses: (draft: PodDraft) => PodAddresses;

  constructor(draft: PodDraft, addresses: (draft: PodDraft) => PodAddresses) {
    const owner = draft.template.owner;
    const spec = draft.template.spec;
    const statefulSet = owner.kind === 'StatefulSet';
    this.name = draft.name;
    this.namespace = owner.namespace;
    this.labels = draft.labels;
    this.template = draft.template;
    this.hostname = truncateHostname(draft.controllerHostname ?? spec.hostname ?? draft.name);
    this.hostnameSet = Boolean(draft.controllerHostname || spec.hostname);
    this.subdomain = (statefulSet ? replicaSpecOf(owner).serviceName : spec.subdomain) || undefined;
    this.ready = draft.ready;
    this.readiness = draft.readiness;
    this.phase = draft.phase;
    this.nodeName = draft.nodeName;
    this.ordinal = draft.ordinal;
    this.#draft = draft;
    this.#addresses = addresses;
  }

  get ips(): PodAddresses['ips'] {
    return this.#addresses(this.#draft).ips;
  }

  get ipSimulated(): boolean {
    return this.#addresses(this.#draft).ipSimulated;
  }
}

/**
 * Addresses for every Pod, given in sorted order: declared ones as written, `hostNetwork` Pods
 * their node's IP, the rest allocated (after every declared Pod IP has been reserved).
 */
export function allocatePodAddresses(sortedDrafts: readonly PodDraft[], settings: AnalysisSettings, allocators: Map<IpFamily, IpAllocator>): Map<PodDraft, PodAddresses> {
  const nodeIpByName = new Map(nodesOf(settings).map((node) => [node.name, node.ip]));
  const result = new Map<PodDraft, PodAddresses>();
  for (const draft of sortedDrafts) {
    const owner = draft.template.owner;
    let ips = draft.declaredIps;
    let ipSimulated = false;
    if (ips.length === 0 && draft.template.spec.hostNetwork) {
      const nodeIp = nodeIpByName.get(draft.nodeName);
      const parsed = nodeIp ? parseIp(nodeIp) : undefined;
      if (nodeIp && parsed) ips = [{ ip: nodeIp, family: parsed.family }];
      ipSimulated = true;
    } else if (ips.length === 0) {
      ipSimulated = true;
      ips = [];
      for (const [family, allocator] of allocators) {
        const ip = allocator.allocate(`${owner.namespace}/${draft.name}`);
        if (ip) ips.push({ ip, family });
      }
    }
    result.set(draft, { ips, ipSimulated });
  }
  return result;
}

function nodesOf(settings: AnalysisSettings): { name: string; ip: string }[] {
  return settings.nodeAddresses.map((ip, index) => ({ name: `node-${index + 1}`, ip }));
}

/** The first `count` Pods of the object (count is at most requestedPodCount). */
function draftsFor(owner: ManifestObject, template: PodTemplateView, nodes: { name: string; ip: string }[], count: number): PodDraft[] {
  const nodeFor = (seed: string): string => template.spec.nodeName ?? nodes[hashOf(seed) % nodes.length].name;
  if (owner.kind === 'Pod') {
    const status = readPodStatusPlain(owner.body?.status ?? {}) ?? {};
    const declaredIps = [status.podIP, ...(status.podIPs ?? []).map((entry) => entry.ip)]
      .filter((ip): ip is string => typeof ip === 'string')
      .filter((ip, index, all) => all.indexOf(ip) === index)
      .flatMap((ip) => {
        const parsed = parseIp(ip);
        return parsed ? [{ ip, family: parsed.family }] : [];
      });
    const readyCondition = status.conditions?.find((condition) => condition.type === 'Ready');
    const declared = readyCondition !== undefined || status.phase !== undefined;
    const ready = readyCondition ? readyCondition.status === 'True' : status.phase === undefined || status.phase === 'Running';
    return [{ name: owner.name, template, labels: template.labels, nodeName: nodeFor(owner.name), declaredIps, ready, readiness: declared ? 'declared' : 'assumed', phase: status.phase }];
  }
  const spec = replicaSpecOf(owner);
  if (owner.kind === 'DaemonSet') {
    const labels = podLabelsOf(template, { name: owner.name, index: 0, indexed: false });
    return nodes.slice(0, count).map((node, replica) => ({
      name: controllerPodName(owner.kind, owner.name, owner.namespace, replica), template, labels, nodeName: node.name, declaredIps: [], ready: true, readiness: 'assumed' as const,
    }));
  }
  if (owner.kind === 'Job' || owner.kind === 'CronJob' || owner.kind === 'ScaledJob') {
    // an Indexed Job names its Pods by index
    const jobSpec = owner.kind === 'Job' ? spec : owner.kind === 'ScaledJob' ? scaledJobSpecOf(owner) : (spec.jobTemplate?.spec ?? {});
    const indexed = jobSpec.completionMode === 'Indexed';
    return Array.from({ length: count }, (_, index) => {
      const name = indexed ? indexedJobPodName(owner.kind, owner.name, owner.namespace, index) : controllerPodName(owner.kind, owner.name, owner.namespace, index);
      const job = jobName(owner.kind, owner.name);
      // job_controller.go: an Indexed Job's Pod gets hostname `<job>-<index>`, whatever the template says
      const controllerHostname = indexed ? `${job}-${index}` : undefined;
      const labels = podLabelsOf(template, { name, index, indexed });
      return { name, template, controllerHostname, labels, nodeName: nodeFor(name), declaredIps: [], ready: true, readiness: 'assumed' as const };
    });
  }
  // a StatefulSet's ordinals start at spec.ordinals.start; the controller sets hostname = Pod name
  const start = owner.kind === 'StatefulSet' ? Math.max(0, spec.ordinals?.start ?? 0) : 0;
  return Array.from({ length: count }, (_, replica) => {
    const ordinal = start + replica;
    const name = controllerPodName(owner.kind, owner.name, owner.namespace, ordinal);
    const statefulSet = owner.kind === 'StatefulSet';
    const labels = podLabelsOf(template, { name, index: ordinal, indexed: false });
    return { name, template, ordinal: statefulSet ? ordinal : undefined, controllerHostname: statefulSet ? name : undefined, labels, nodeName: nodeFor(name), declaredIps: [], ready: true, readiness: 'assumed' as const };
  });
}

/** The Job spec a KEDA ScaledJob gives each Job it creates (`spec.jobTargetRef`). */
function scaledJobSpecOf(owner: ManifestObject): ReplicaSpec {
  const spec = owner.body?.spec as Record<string, unknown> | undefined;
  return readReplicaSpecPlain(spec?.jobTargetRef ?? {}) ?? {};
}

const replicaSpecs = new WeakMap<ManifestObject, ReplicaSpec>();

function replicaSpecOf(owner: ManifestObject): ReplicaSpec {
  let spec = replicaSpecs.get(owner);
  if (!spec) {
    spec = readReplicaSpecPlain(owner.body?.spec ?? {}) ?? {};
    replicaSpecs.set(owner, spec);
  }
  return spec;
}

/** kubelet truncates hostnames to 63 characters and trims trailing '-' and '.'. */
function truncateHostname(hostname: string): string {
  if (hostname.length <= 63) return hostname;
  return hostname.slice(0, 63).replace(/[-.]+$/, '');
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let index = 0; index < text.length; index++) h = Math.imul(h ^ text.charCodeAt(index), 16777619) >>> 0;
  return h;
}
