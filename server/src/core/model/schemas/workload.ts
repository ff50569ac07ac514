import { z } from 'zod';
import { podTemplateSchema } from './podSpec';
import { optional, stringMap, tolerantList } from './tolerant';

export const labelSelectorSchema = z.looseObject({
  matchLabels: optional(stringMap),
  matchExpressions: optional(tolerantList(z.looseObject({ key: optional(z.string()), operator: optional(z.string()), values: optional(z.array(z.string())) }))),
});

/** How a Job (or a CronJob's Job) runs: how many Pods at once, how many in all, named how. */
const jobRunFields = {
  parallelism: optional(z.number().int()),
  completions: optional(z.number().int()),
  completionMode: optional(z.string()),
  /** A suspended Job runs no Pods. */
  suspend: optional(z.boolean()),
  /** With `manualSelector: true` the API server adds no job-name and controller-uid labels. */
  manualSelector: optional(z.boolean()),
};

/**
 * The fields of a workload spec that decide how many Pods it makes and their subdomain, without
 * the Pod template (read apart, once, by podTemplateOf).
 */
export const replicaSpecSchema = z.looseObject({
  replicas: optional(z.number().int()),
  ...jobRunFields,
  /** StatefulSet `ordinals.start`: the first ordinal (default 0). */
  ordinals: optional(z.looseObject({ start: optional(z.number().int()) })),
  serviceName: optional(z.string()),
  jobTemplate: optional(z.looseObject({ spec: optional(z.looseObject(jobRunFields)) })),
});

/** Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob: the fields that decide which Pods exist. */
export const workloadSpecSchema = replicaSpecSchema.extend({
  selector: optional(z.union([labelSelectorSchema, stringMap])),
  template: optional(podTemplateSchema),
  jobTemplate: optional(z.looseObject({ spec: optional(z.looseObject({ ...jobRunFields, template: optional(podTemplateSchema) })) })),
});

export const podStatusSchema = z.looseObject({
  podIP: optional(z.string()),
  podIPs: optional(tolerantList(z.looseObject({ ip: optional(z.string()) }))),
  phase: optional(z.string()),
  conditions: optional(tolerantList(z.looseObject({ type: optional(z.string()), status: optional(z.string()) }))),
});

export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
export type ReplicaSpec = z.infer<typeof replicaSpecSchema>;
export type LabelSelector = z.infer<typeof labelSelectorSchema>;
export type PodStatus = z.infer<typeof podStatusSchema>;
