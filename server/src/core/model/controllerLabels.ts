import type { ManifestObject } from './manifestObject';
import type { PodTemplateView } from './podView';
import { readReplicaSpecPlain } from './schemas/plainReaders';
import type { ReplicaSpec } from './schemas/workload';

/**
 * The labels a Pod carries: its template's, plus those its controller (or the API server, for a
 * Job) writes. Sources, kubernetes/kubernetes:
 * - Job, `pkg/registry/batch/job/strategy.go` generateSelector: unless `manualSelector: true`, adds
 *   `job-name`, `batch.kubernetes.io/job-name` (the Job's name) and `controller-uid`,
 *   `batch.kubernetes.io/controller-uid` (its UID) to the template, keeping any the template sets.
 * - Indexed Job, `pkg/controller/job/indexed_job_utils.go` addCompletionIndexLabel (PodIndexLabel,
 *   beta in 1.28): `batch.kubernetes.io/job-completion-index` = the index, overwriting.
 * - CronJob, `pkg/controller/cronjob/utils.go` getJobFromTemplate2: each Job is named
 *   `<cronjob>-<scheduled time in minutes>`, so its job-name is known only by its shape.
 * - KEDA ScaledJob (kedacore/keda, `pkg/scaling/executor/scale_jobs.go`): each Job is created with
 *   generateName `<scaledjob>-`, so its job-name is known only by its prefix.
 * - StatefulSet, `pkg/controller/statefulset/stateful_set_utils.go` updateIdentity and
 *   setPodRevision: `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`, and
 *   `controller-revision-hash` (a hash of the revision).
 * - Deployment, `pkg/controller/deployment/sync.go` getNewReplicaSet: `pod-template-hash` on the
 *   ReplicaSet's template. A ReplicaSet or ReplicationController copies its template's labels only
 *   (`pkg/controller/controller_utils.go` getPodsLabelSet).
 * - DaemonSet, `pkg/controller/daemon/util/daemonset_util.go` CreatePodTemplate:
 *   `pod-template-generation` and `controller-revision-hash`.
 */

/**
 * A label a controller sets at run time to a value the manifests cannot pin to a modelled Pod: a
 * hash, a UID, a time; or the completion index of an Indexed Job's Pod that runs after those
 * modelled (only `min(parallelism, completions)` run at once).
 */
export interface GeneratedLabel {
  readonly key: string;
  /** False when the value cannot be this label's, whatever the run time makes. */
  readonly mayBe: (value: string) => boolean;
}

const JOB_NAME_KEYS = ['job-name', 'batch.kubernetes.io/job-name'];
const CONTROLLER_UID_KEYS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX = 'apps.kubernetes.io/pod-index';

/** A StatefulSet ordinal or a Job completion index as a label writes it: a decimal without leading zeros. */
export function isOrdinal(value: string): boolean {
  return /^(0|[1-9]\d{0,8})$/.test(value);
}

/** A name the StatefulSet `set` gives one of its Pods: `<set>-<ordinal>`. */
export function isOrdinalName(value: string, set: string): boolean {
  return value.startsWith(`${set}-`) && isOrdinal(value.slice(set.length + 1));
}

/** Keys the controllers overwrite with a generated value, by kind. */
const OVERWRITTEN_GENERATED: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['pod-template-hash'],
  StatefulSet: ['controller-revision-hash'],
  DaemonSet: ['controller-revision-hash', 'pod-template-generation'],
};

/** Every key any controller may generate: a selector without one of them is judged with certainty. */
export const GENERATED_LABEL_KEYS: ReadonlySet<string> = new Set([...Object.values(OVERWRITTEN_GENERATED).flat(), ...JOB_NAME_KEYS, ...CONTROLLER_UID_KEYS, COMPLETION_INDEX]);

const anyValue = (): boolean => true;

/** The generated labels of the Pods a workload makes (none for a bare Pod). */
export function generatedLabelsOf(template: PodTemplateView): readonly GeneratedLabel[] {
  let labels = generatedByOwner.get(template.owner);
  if (!labels) {
    labels = computeGenerated(template);
    generatedByOwner.set(template.owner, labels);
  }
  return labels;
}

const generatedByOwner = new WeakMap<ManifestObject, readonly GeneratedLabel[]>();

function computeGenerated(template: PodTemplateView): readonly GeneratedLabel[] {
  const owner = template.owner;
  const overwritten = OVERWRITTEN_GENERATED[owner.kind];
  if (overwritten) return overwritten.map((key) => ({ key, mayBe: anyValue }));
  if (!isJobKind(owner.kind)) return NONE;
  const jobSpec = jobSpecOf(owner);
  const generated: GeneratedLabel[] = [];
  if (jobSpec?.manualSelector !== true) {
    const absent = (key: string): boolean => template.labels[key] === undefined;
    generated.push(...CONTROLLER_UID_KEYS.filter(absent).map((key) => ({ key, mayBe: anyValue })));
    if (owner.kind === 'CronJob') {
      // `<cronjob>-<minutes since the epoch>`: any other value is certainly not one of its Jobs
      const prefix = `${owner.name}-`;
      const mayBe = (value: string): boolean => value.startsWith(prefix) && /^\d+$/.test(value.slice(prefix.length));
      generated.push(...JOB_NAME_KEYS.filter(absent).map((key) => ({ key, mayBe })));
    }
    if (owner.kind === 'ScaledJob') {
      const prefix = `${owner.name}-`;
      generated.push(...JOB_NAME_KEYS.filter(absent).map((key) => ({ key, mayBe: (value: string) => value.startsWith(prefix) })));
    }
  }
  if (jobSpec?.completionMode === 'Indexed') {
    // every index below completions runs at some time, not only the first ones modelled
    const completions = jobSpec.completions ?? 0;
    generated.push({ key: COMPLETION_INDEX, mayBe: (value) => isOrdinal(value) && Number(value) < completions });
  }
  return generated.length > 0 ? generated : NONE;
}

/**
 * The known labels of one Pod. Pods of one owner share one object where they can (the label
 * index groups Pods by it); a StatefulSet's and an Indexed Job's differ per Pod.
 */
export function podLabelsOf(template: PodTemplateView, pod: { readonly name: string; readonly index: number; readonly indexed: boolean }): Readonly<Record<string, string>> {
  const owner = template.owner;
  if (owner.kind === 'StatefulSet') return { ...sharedLabelsOf(template), [POD_NAME]: pod.name, [POD_INDEX]: String(pod.index) };
  if (pod.indexed) return { ...sharedLabelsOf(template), [COMPLETION_INDEX]: String(pod.index) };
  return sharedLabelsOf(template);
}

function sharedLabelsOf(template: PodTemplateView): Readonly<Record<string, string>> {
  let labels = sharedByOwner.get(template.owner);
  if (!labels) {
    labels = computeShared(template);
    sharedByOwner.set(template.owner, labels);
  }
  return labels;
}

const sharedByOwner = new WeakMap<ManifestObject, Readonly<Record<string, string>>>();

function computeShared(template: PodTemplateView): Readonly<Record<string, string>> {
  const owner = template.owner;
  const overwritten = OVERWRITTEN_GENERATED[owner.kind];
  if (overwritten) {
    // the template's value is replaced by one made at run time: not known any more
    if (!overwritten.some((key) => template.labels[key] !== undefined)) return template.labels;
    const labels = { ...template.labels };
    for (const key of overwritten) delete labels[key];
    return labels;
  }
  return admittedTemplateLabels(owner, template.labels);
}

/**
 * The template labels the API server validates a Job with: generateSelector has added the job-name
 * labels first (unless `manualSelector: true`), keeping any the template sets.
 */
export function admittedTemplateLabels(owner: ManifestObject, labels: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (owner.kind !== 'Job' || manualSelector(owner)) return labels;
  const added = JOB_NAME_KEYS.filter((key) => labels[key] === undefined);
  return added.length === 0 ? labels : { ...labels, ...Object.fromEntries(added.map((key) => [key, owner.name])) };
}

function isJobKind(kind: string): boolean {
  return kind === 'Job' || kind === 'CronJob' || kind === 'ScaledJob';
}

function manualSelector(owner: ManifestObject): boolean {
  return jobSpecOf(owner)?.manualSelector === true;
}

/** A Job's spec, or the spec of the Jobs a CronJob or a KEDA ScaledJob makes. */
function jobSpecOf(owner: ManifestObject): NonNullable<NonNullable<ReplicaSpec['jobTemplate']>['spec']> | undefined {
  if (owner.kind === 'ScaledJob') return readReplicaSpecPlain((owner.body?.spec as Record<string, unknown> | undefined)?.jobTargetRef ?? {}) ?? {};
  const spec = readReplicaSpecPlain(owner.body?.spec ?? {}) ?? {};
  return owner.kind === 'CronJob' ? spec.jobTemplate?.spec : spec;
}

const NONE: readonly GeneratedLabel[] = [];
