import type { ClusterModel } from '../model/clusterModel';
import { matchesLabelSelector } from '../model/labelSelector';
import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import { readLabelSelectorPlain } from '../model/schemas/plainReaders';
import type { LabelSelector } from '../model/schemas/workload';
import type { ServiceView } from '../model/serviceView';
import { holdsPlaceholder } from '../placeholders';
import { at, list, text } from './fields';

export const MONITORING_GROUP = 'monitoring.coreos.com';
/** Google Cloud Managed Service for Prometheus: PodMonitoring (its namespace's Pods) and ClusterPodMonitoring (every namespace's). */
export const GKE_MONITORING_GROUP = 'monitoring.googleapis.com';
export const GKE_POD_MONITOR_KINDS = ['PodMonitoring', 'ClusterPodMonitoring'] as const;

/** Which namespaces a prometheus-operator monitor looks in: `any: true`, `matchNames`, else its own. */
export type MonitorNamespaces = { readonly any: true } | { readonly any: false; readonly names: readonly string[] };

/** What a ServiceMonitor or PodMonitor selects, as prometheus-operator reads it. */
export interface MonitorSelection {
  readonly selector: LabelSelector;
  readonly namespaces: MonitorNamespaces;
  /** The selector or the namespace names hold a placeholder: nothing can be said about what it selects. */
  readonly placeholder: boolean;
}

export function isMonitor(object: ManifestObject, kind: 'ServiceMonitor' | 'PodMonitor'): boolean {
  return object.kind === kind && object.apiVersion.startsWith(`${MONITORING_GROUP}/`);
}

/** A GKE PodMonitoring or ClusterPodMonitoring: like a PodMonitor, its `spec.endpoints[].port` names (or numbers) a container port of the Pods it selects. */
export function isGkePodMonitor(object: ManifestObject): boolean {
  return (GKE_POD_MONITOR_KINDS as readonly string[]).includes(object.kind) && object.apiVersion.startsWith(`${GKE_MONITORING_GROUP}/`);
}

/** A monitor that scrapes Pods by their container ports: a prometheus-operator PodMonitor or a GKE PodMonitoring / ClusterPodMonitoring. */
export function isPodScrapingMonitor(object: ManifestObject): boolean {
  return isMonitor(object, 'PodMonitor') || isGkePodMonitor(object);
}

export function monitorSelection(monitor: ManifestObject): MonitorSelection {
  const spec = at(monitor.body, 'spec');
  const rawSelector = at(spec, 'selector');
  const selector = readLabelSelectorPlain(rawSelector ?? {}) ?? {};
  // GKE's monitors have no namespaceSelector: a PodMonitoring looks in its own namespace, a ClusterPodMonitoring in all
  if (isGkePodMonitor(monitor)) return { selector, namespaces: monitor.kind === 'ClusterPodMonitoring' ? { any: true } : { any: false, names: [monitor.namespace] }, placeholder: holdsPlaceholder(rawSelector) };
  const namespaceSelector = at(spec, 'namespaceSelector');
  const matchNames = list(at(namespaceSelector, 'matchNames')).map(text).filter((name): name is string => name !== undefined);
  const namespaces: MonitorNamespaces = at(namespaceSelector, 'any') === true ? { any: true } : { any: false, names: matchNames.length > 0 ? matchNames : [monitor.namespace] };
  return { selector, namespaces, placeholder: holdsPlaceholder(rawSelector) || holdsPlaceholder(matchNames) };
}

export function coversNamespace(namespaces: MonitorNamespaces, namespace: string): boolean {
  return namespaces.any || namespaces.names.includes(namespace);
}

/** The Services a ServiceMonitor scrapes: by their own labels (not their selector), in the namespaces it covers. */
export function servicesMonitoredBy(model: ClusterModel, monitor: ManifestObject): ServiceView[] {
  const { selector, namespaces } = monitorSelection(monitor);
  const candidates = namespaces.any ? model.services() : namespaces.names.flatMap((namespace) => model.servicesIn(namespace));
  return candidates.filter((service) => matchesLabelSelector(service.object.labels, selector));
}

/** The Pods a PodMonitor (or GKE PodMonitoring) scrapes: by their labels, in the namespaces it covers. */
export function podsMonitoredBy(model: ClusterModel, monitor: ManifestObject): PodView[] {
  const { selector, namespaces } = monitorSelection(monitor);
  const candidates = namespaces.any ? model.pods() : namespaces.names.flatMap((namespace) => model.podsIn(namespace));
  return candidates.filter((pod) => matchesLabelSelector(pod.labels, selector));
}

/** An entry of `spec.endpoints` (ServiceMonitor) or `spec.podMetricsEndpoints` (PodMonitor). */
export interface MonitorEndpoint {
  readonly index: number;
  /** The list the entry sits in: `endpoints` or `podMetricsEndpoints`. */
  readonly list: string;
  readonly port?: string;
  readonly targetPort?: number | string;
}

export function monitorEndpoints(monitor: ManifestObject): MonitorEndpoint[] {
  const key = monitor.kind === 'PodMonitor' ? 'podMetricsEndpoints' : 'endpoints';
  return list(at(monitor.body, 'spec', key)).map((entry, index) => {
    const port = at(entry, 'port');
    const targetPort = at(entry, 'targetPort');
    return {
      index,
      list: key,
      // a port written as a number is kept as its text: the mistake is reported, not dropped
      port: typeof port === 'number' ? String(port) : text(port),
      targetPort: typeof targetPort === 'number' || typeof targetPort === 'string' ? targetPort : undefined,
    };
  });
}
