import type { ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';

/** Kinds whose whole body the model keeps; any other kind keeps only its identity. */
export const MODELLED_KINDS = new Set([
  'Namespace', 'Service', 'Endpoints', 'EndpointSlice', 'Pod', 'NetworkPolicy',
  'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  // objects that name Services (core/references): Ingress, Gateway API routes and grants, prometheus-operator monitors
  'Ingress', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute', 'ReferenceGrant', 'ServiceMonitor', 'PodMonitor',
  // objects that name workloads, Pods or Services (core/references): autoscalers, budgets, the API server's own callers (NetworkPolicy is above)
  'HorizontalPodAutoscaler', 'ScaledObject', 'PodDisruptionBudget', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  // a CRD's conversion webhook names a Service; routes attach to a Gateway's listeners; GKE's monitors select Pods; a KEDA ScaledJob holds a Pod template
  'CustomResourceDefinition', 'Gateway', 'PodMonitoring', 'ClusterPodMonitoring', 'ScaledJob',
  // operators that write Secrets a Pod may name (cert-manager, external-secrets), and the roles that let a workload create them
  'Certificate', 'ExternalSecret', 'Role', 'ClusterRole',
  // its data holds the hosts applications are configured with
  'ConfigMap',
]);

/** One Kubernetes object as written in a file. */
export interface ManifestObject {
  /** `<file>#<document>` or `<file>#<document>/<item>` for the items of a `kind: List`. */
  readonly id: string;
  readonly file: string;
  readonly documentIndex: number;
  readonly documentSpan: Span;
  /** Where the object sits in its document: `[]`, or `['items', i]` inside a List. */
  readonly basePath: ValuePath;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** The effective namespace: `metadata.namespace`, else `default`. */
  readonly namespace: string;
  readonly namespaceDeclared: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The whole object for modelled kinds; undefined for the rest. */
  readonly body: Readonly<Record<string, unknown>> | undefined;
}

/** A reference to a Kubernetes object by kind, namespace and name. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function describeObject(object: Pick<ManifestObject, 'kind' | 'namespace' | 'name'>): string {
  return `${object.kind} ${object.namespace}/${object.name}`;
}

/** Kinds that are not namespaced, so `metadata.namespace` does not apply to them. */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PriorityClass', 'IngressClass', 'ClusterPodMonitoring', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService']);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
