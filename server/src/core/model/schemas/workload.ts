import { z } from 'zod';
import { podTemplateSchema } from './podSpec';
import { optional, stringMap, tolerantList } from './tolerant';

export const labelSelectorSchema = z.looseObject({
  matchLabels: optional(stringMap),
  matchExpressions: optional(tolerantList(z.looseObject({ key: optional(z.string()), operator: optional(z.string()), values: optional(z.array(z.string())) }))),
});

/** Deployment, ReplicaSet, StatefulSet, DaemonSet, Job: the fields that decide which Pods exist. */
export const workloadSpecSchema = z.looseObject({
  replicas: optional(z.number().int()),
  parallelism: optional(z.number().int()),
  completions: optional(z.number().int()),
  completionMode: optional(z.string()),
  /** Job and CronJob: a suspended one runs no Pods. */
  suspend: optional(z.boolean()),
  /** StatefulSet `ordinals.start`: the first ordinal (default 0). */
  ordinals: optional(z.looseObject({ start: optional(z.number().int()) })),
  serviceName: optional(z.string()),
  selector: optional(z.union([labelSelectorSchema, stringMap])),
  template: optional(podTemplateSchema),
  jobTemplate: optional(z.looseObject({ spec: optional(z.looseObject({ parallelism: optional(z.number().int()), completions: optional(z.number().int()), completionMode: optional(z.string()), suspend: optional(z.boolean()), template: optional(podTemplateSchema) })) })),
});

export const podStatusSchema = z.looseObject({
  podIP: optional(z.string()),
  podIPs: optional(tolerantList(z.looseObject({ ip: optional(z.string()) }))),
  phase: optional(z.string()),
  conditions: optional(tolerantList(z.looseObject({ type: optional(z.string()), status: optional(z.string()) }))),
});

export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
export type LabelSelector = z.infer<typeof labelSelectorSchema>;
export type PodStatus = z.infer<typeof podStatusSchema>;
