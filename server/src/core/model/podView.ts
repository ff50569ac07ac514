import type { ValuePath } from '../yaml/sourceLocator';
import type { IpFamily } from './ip';
import type { ManifestObject } from './manifestObject';
import { readPodSpecPlain, readPodTemplatePlain } from './schemas/plainReaders';
import type { PodSpec } from './schemas/podSpec';

/** Where an object keeps the template of the Pods it creates (or, for a Pod, itself). */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, ValuePath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  // KEDA (keda.sh): the Job spec of the Jobs it creates while events wait, none otherwise
  ScaledJob: ['spec', 'jobTargetRef', 'template'],
};

/** The Pod template of a Pod or workload: the labels and spec every Pod it makes starts from. */
export interface PodTemplateView {
  readonly owner: ManifestObject;
  /** Path (from the object) to the template: its `metadata` and `spec` sit below it. */
  readonly templatePath: ValuePath;
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: PodSpec;
}

/** Objects never change once read, so each one's template is read once (rules ask for it again). */
const templates = new WeakMap<ManifestObject, PodTemplateView | undefined>();

export function podTemplateOf(object: ManifestObject): PodTemplateView | undefined {
  if (templates.has(object)) return templates.get(object);
  const template = readPodTemplate(object);
  templates.set(object, template);
  return template;
}

function readPodTemplate(object: ManifestObject): PodTemplateView | undefined {
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  if (!templatePath || !object.body) return undefined;
  if (object.kind === 'Pod') {
    return { owner: object, templatePath, labels: object.labels, spec: readPodSpecPlain(object.body.spec ?? {}) ?? {} };
  }
  let value: unknown = object.body;
  for (const segment of templatePath) value = (value as Record<string, unknown> | undefined)?.[segment as string];
  const parsed = readPodTemplatePlain(value ?? {});
  if (!parsed) return { owner: object, templatePath, labels: {}, spec: {} };
  return { owner: object, templatePath, labels: parsed.metadata?.labels ?? {}, spec: parsed.spec ?? {} };
}

/** A Pod that exists, or will once its controller runs: declared, or made from a template. */
export interface PodView {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly template: PodTemplateView;
  /** The Pod's hostname as kubelet sets it (`spec.hostname`, else the Pod name, at most 63 characters). */
  readonly hostname: string;
  /** True when `spec.hostname` is set, or the StatefulSet controller sets it. */
  readonly hostnameSet: boolean;
  readonly subdomain?: string;
  readonly ips: readonly { readonly ip: string; readonly family: IpFamily }[];
  readonly ipSimulated: boolean;
  readonly ready: boolean;
  /** `declared` when the manifest's status says so, else `assumed`. */
  readonly readiness: 'declared' | 'assumed';
  /** `status.phase` as declared; Succeeded and Failed Pods are terminal and get no endpoints. */
  readonly phase?: string;
  readonly nodeName: string;
  readonly ordinal?: number;
}
