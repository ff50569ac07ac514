import type { PodSpec, PodTemplate } from './podSpec';
import type { ServiceSpec } from './service';
import type { LabelSelector, PodStatus, ReplicaSpec } from './workload';

/**
 * Hand-written twins of the schemas read for every object of a large workspace (a Service's
 * spec, a workload's Pod template, replica fields and selector, a Pod's status). They give exactly what the zod schemas give — the same
 * tolerant reading, field by field — at a fraction of the cost; a differential test holds them to
 * the zod schemas, which stay the definition.
 */
export function readServiceSpecPlain(value: unknown): ServiceSpec | undefined {
  return orUndefined(serviceSpec(value)) as ServiceSpec | undefined;
}

export function readPodSpecPlain(value: unknown): PodSpec | undefined {
  return orUndefined(podSpec(value)) as PodSpec | undefined;
}

export function readPodTemplatePlain(value: unknown): PodTemplate | undefined {
  return orUndefined(podTemplate(value)) as PodTemplate | undefined;
}

export function readReplicaSpecPlain(value: unknown): ReplicaSpec | undefined {
  return orUndefined(replicaSpec(value)) as ReplicaSpec | undefined;
}

export function readLabelSelectorPlain(value: unknown): LabelSelector | undefined {
  return orUndefined(labelSelector(value)) as LabelSelector | undefined;
}

export function readPodStatusPlain(value: unknown): PodStatus | undefined {
  return orUndefined(podStatus(value)) as PodStatus | undefined;
}

/** What a reader returns when the value does not fit: the field becomes undefined. */
const FAIL = Symbol('does not fit');
type Reader = (value: unknown) => unknown;

const string: Reader = (value) => (typeof value === 'string' ? value : FAIL);
const boolean: Reader = (value) => (typeof value === 'boolean' ? value : FAIL);
const int: Reader = (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : FAIL);
const intOrString: Reader = (value) => (typeof value === 'string' ? value : int(value));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's plain-object test for records: no constructor, or Object's own. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const constructor = (value as { constructor?: unknown }).constructor;
  if (constructor === undefined) return true;
  if (typeof constructor !== 'function') return true;
  const prototype = (constructor as { prototype?: unknown }).prototype;
  if (!isObject(prototype)) return false;
  return Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf');
}

const stringArray: Reader = (value) => {
  if (!Array.isArray(value)) return FAIL;
  for (const item of value) if (typeof item !== 'string') return FAIL;
  return [...value];
};

const stringMap: Reader = (value) => {
  if (!isPlainObject(value)) return FAIL;
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') result[key] = String(item);
  }
  return result;
};

/** The field names of each twin, so a test can check they still match the zod schemas. */
export const plainShapes: Record<string, readonly string[]> = {};

/** `optional(schema)`: absent stays absent, a value that does not fit becomes undefined. */
function looseObject(shape: Readonly<Record<string, Reader>>, name?: string): Reader {
  const keys = Object.keys(shape);
  if (name) plainShapes[name] = keys;
  return (value) => {
    if (!isObject(value)) return FAIL;
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      if (!(key in value)) continue;
      const item = value[key];
      const read = item === undefined ? undefined : shape[key](item);
      result[key] = read === FAIL ? undefined : read;
    }
    for (const key in value) if (!Object.prototype.hasOwnProperty.call(shape, key)) result[key] = value[key];
    return result;
  };
}

/** A list whose malformed items are dropped, keeping their original index. */
function tolerantList(item: Reader): Reader {
  return (value) => {
    if (!Array.isArray(value)) return FAIL;
    const result: unknown[] = [];
    value.forEach((entry, index) => {
      const read = item(entry);
      if (read !== FAIL) result.push({ ...(read as object), index });
    });
    // an array pushed into keeps room for 17 items: a few ports get a list of their size
    return result.slice();
  };
}

const servicePort = looseObject({ name: string, protocol: string, port: int, targetPort: intOrString, nodePort: int, appProtocol: string }, 'servicePort');

const serviceSpec = looseObject({
  type: string,
  clusterIP: string,
  clusterIPs: stringArray,
  ipFamilies: stringArray,
  ipFamilyPolicy: string,
  selector: stringMap,
  ports: tolerantList(servicePort),
  externalName: string,
  externalIPs: stringArray,
  publishNotReadyAddresses: boolean,
  loadBalancerIP: string,
}, 'serviceSpec');

const containerPort = looseObject({ name: string, containerPort: int, protocol: string, hostPort: int }, 'containerPort');
const container = looseObject({ name: string, restartPolicy: string, ports: tolerantList(containerPort) }, 'container');
const podDnsConfig = looseObject({ nameservers: stringArray, searches: stringArray, options: tolerantList(looseObject({ name: string, value: string })) }, 'podDnsConfig');

const volume = looseObject({ name: string, glusterfs: looseObject({ endpoints: string }, 'glusterfsVolume') }, 'volume');

const podSpec = looseObject({
  hostname: string,
  subdomain: string,
  setHostnameAsFQDN: boolean,
  hostNetwork: boolean,
  dnsPolicy: string,
  dnsConfig: podDnsConfig,
  enableServiceLinks: boolean,
  nodeName: string,
  containers: tolerantList(container),
  initContainers: tolerantList(container),
  volumes: tolerantList(volume),
}, 'podSpec');

const podTemplate = looseObject({ metadata: looseObject({ labels: stringMap, annotations: stringMap }, 'podTemplateMetadata'), spec: podSpec }, 'podTemplate');

const jobRunFields = { parallelism: int, completions: int, completionMode: string, suspend: boolean, manualSelector: boolean };

const replicaSpec = looseObject({
  replicas: int,
  ...jobRunFields,
  ordinals: looseObject({ start: int }, 'ordinals'),
  serviceName: string,
  jobTemplate: looseObject({ spec: looseObject(jobRunFields, 'jobRun') }, 'jobTemplate'),
}, 'replicaSpec');

const labelSelector = looseObject({
  matchLabels: stringMap,
  matchExpressions: tolerantList(looseObject({ key: string, operator: string, values: stringArray }, 'labelSelectorRequirement')),
}, 'labelSelector');

const podStatus = looseObject({
  podIP: string,
  podIPs: tolerantList(looseObject({ ip: string }, 'podIP')),
  phase: string,
  conditions: tolerantList(looseObject({ type: string, status: string }, 'podCondition')),
}, 'podStatus');

function orUndefined(value: unknown): unknown {
  return value === FAIL ? undefined : value;
}
