import type { ClusterModel } from '../core/model/clusterModel';
import type { ManifestObject } from '../core/model/manifestObject';
import type { PodView } from '../core/model/podView';
import type { ServicePort, ServiceView } from '../core/model/serviceView';
import { containerPortsOf, type ContainerPortAt } from '../core/references/containerPorts';
import { matchesLabelSelector } from '../core/model/labelSelector';
import { ingressServiceBackends } from '../core/references/ingressBackends';
import { disruptionBudgetSelector, networkPolicySelectors, podMonitoringSelector } from '../core/references/podSelectors';
import { scaleTargetRefOf } from '../core/references/scaleTargets';
import { serviceAccountRefOf } from '../core/references/serviceAccountName';
import { API_SERVER_CALLER_KINDS, apiServerServiceRefs, isApiService, isCustomResourceDefinition, isWebhookConfiguration } from '../core/references/webhookServices';
import { isMonitor, isPodScrapingMonitor, monitorEndpoints, podsMonitoredBy, servicesMonitoredBy } from '../core/references/monitorSelection';
import { configSourceRefsOf, configSourcesNamed } from '../core/references/configSources';
import { ingressClassRefOf } from '../core/references/ingressClass';
import { gatewayListeners, isGateway, routeGatewayRefs, type GatewayListener } from '../core/references/routeParentRefs';
import { isRoute, ROUTE_KINDS, routeServiceRefs } from '../core/references/routeBackendRefs';
import type { ConfiguredHost } from '../core/references/configuredHosts';
import { lookUpConfiguredHost, type HostLookup } from '../core/rules/configuredHostLookup';
import { configuredHostsWithPod } from '../core/rules/configuredHostsWithPod';
import type { ValuePath } from '../core/yaml/sourceLocator';
import { startsWith } from './objectAt';

/**
 * What a field of an Ingress, a Gateway API route, a prometheus-operator monitor, a webhook or
 * APIService, an autoscaler, a budget, a policy or a Pod template refers to, for hover and go to
 * definition: a Service by name (and one of its ports), the Services a ServiceMonitor selects and
 * the port names it scrapes, the container ports a PodMonitor scrapes, a workload or ServiceAccount
 * by name, or the Pods a selector matches.
 */
export type ReferenceAt =
  | {
      readonly kind: 'service';
      /** `Ingress backend`, `HTTPRoute backendRef`. */
      readonly label: string;
      readonly namespace: string;
      readonly name: string;
      readonly service?: ServiceView;
      /** Set when the cursor is on the port of the reference. */
      readonly port?: { readonly number?: number; readonly name?: string };
    }
  | { readonly kind: 'monitor-selector'; readonly services: readonly ServiceView[] }
  | { readonly kind: 'monitor-port'; readonly port: string; readonly matches: readonly { readonly service: ServiceView; readonly port: ServicePort }[]; readonly services: readonly ServiceView[] }
  | { readonly kind: 'pod-monitor-port'; readonly port: string; readonly ports: readonly ContainerPortAt[]; readonly pods: readonly PodView[] }
  | {
      readonly kind: 'object';
      /** `HorizontalPodAutoscaler scaleTargetRef`, `serviceAccountName`. */
      readonly label: string;
      readonly targetKind: string;
      readonly namespace: string;
      readonly name: string;
      /** Its definitions in the workspace; none when it is not there. */
      readonly targets: readonly ManifestObject[];
    }
  | { readonly kind: 'pod-selector'; readonly label: string; readonly namespace: string; readonly pods: readonly PodView[] }
  | {
      readonly kind: 'listener';
      /** `HTTPRoute parentRef`. */
      readonly label: string;
      readonly gateway: string;
      readonly namespace: string;
      readonly section?: string;
      readonly port?: number;
      /** The listeners of the Gateway's definitions that the sectionName and port pick. */
      readonly listeners: readonly { readonly gateway: ManifestObject; readonly listener: GatewayListener }[];
      /** The Gateway's definitions; none when it is not there. */
      readonly gateways: readonly ManifestObject[];
    }
  | { readonly kind: 'configured-host'; readonly host: ConfiguredHost; readonly from: string; readonly lookup: HostLookup };

export function referenceAt(model: ClusterModel, object: ManifestObject, path: ValuePath): ReferenceAt | undefined {
  const ingressClass = ingressClassRefOf(object);
  if (ingressClass && startsWith(path, ingressClass.path)) {
    return { kind: 'object', label: 'ingressClassName', targetKind: 'IngressClass', namespace: '', name: ingressClass.name, targets: model.objectsNamed('IngressClass', '', ingressClass.name) };
  }
  if (isRoute(object)) {
    const parent = routeGatewayRefs(object).find((candidate) => startsWith(path, candidate.path));
    if (parent?.name) {
      const gateways = model.objectsNamed('Gateway', parent.namespace, parent.name).filter(isGateway);
      const label = `${object.kind} parentRef`;
      const onListener = path[parent.path.length] === 'sectionName' || path[parent.path.length] === 'port';
      if (!onListener) return { kind: 'object', label, targetKind: 'Gateway', namespace: parent.namespace, name: parent.name, targets: gateways };
      const listeners = gateways.flatMap((gateway) => gatewayListeners(gateway).filter((listener) => (parent.sectionName === undefined || listener.name === parent.sectionName) && (parent.port === undefined || listener.port === parent.port)).map((listener) => ({ gateway, listener })));
      return { kind: 'listener', label, gateway: parent.name, namespace: parent.namespace, section: parent.sectionName, port: parent.port, listeners, gateways };
    }
  }
  if (object.kind === 'Ingress') {
    const backend = ingressServiceBackends(object).find((candidate) => startsWith(path, candidate.path));
    if (!backend?.name) return undefined;
    const onPort = path[backend.path.length] === 'port';
    return { kind: 'service', label: 'Ingress backend', namespace: object.namespace, name: backend.name, service: model.service(object.namespace, backend.name), port: onPort ? { number: backend.portNumber, name: backend.portName } : undefined };
  }
  if (isRoute(object)) {
    const ref = routeServiceRefs(object).find((candidate) => startsWith(path, candidate.path));
    if (!ref?.name) return undefined;
    const onPort = path[ref.path.length] === 'port';
    return { kind: 'service', label: `${object.kind} backendRef`, namespace: ref.namespace, name: ref.name, service: model.service(ref.namespace, ref.name), port: onPort ? { number: ref.port } : undefined };
  }
  if (isWebhookConfiguration(object) || isApiService(object) || isCustomResourceDefinition(object)) {
    const ref = apiServerServiceRefs(object).find((candidate) => startsWith(path, candidate.path));
    if (!ref?.name || !ref.namespace) return undefined;
    const onPort = path[ref.path.length] === 'port';
    const label = isApiService(object) ? 'APIService service' : isCustomResourceDefinition(object) ? 'conversion webhook clientConfig.service' : 'webhook clientConfig.service';
    return { kind: 'service', label, namespace: ref.namespace, name: ref.name, service: model.service(ref.namespace, ref.name), port: onPort ? { number: ref.port } : undefined };
  }
  const scaleTarget = scaleTargetRefOf(object);
  if (scaleTarget?.name && startsWith(path, scaleTarget.path)) {
    return { kind: 'object', label: `${object.kind} scaleTargetRef`, targetKind: scaleTarget.kind, namespace: object.namespace, name: scaleTarget.name, targets: model.objectsNamed(scaleTarget.kind, object.namespace, scaleTarget.name) };
  }
  const account = serviceAccountRefOf(object);
  if (account && startsWith(path, account.path)) {
    return { kind: 'object', label: String(account.path[account.path.length - 1]), targetKind: 'ServiceAccount', namespace: object.namespace, name: account.name, targets: model.objectsNamed('ServiceAccount', object.namespace, account.name) };
  }
  const configSource = configSourceRefsOf(object).find((candidate) => startsWith(path, candidate.path));
  if (configSource) {
    // `configMapKeyRef`, `secret` (a volume), `imagePullSecrets`: the key that holds the name
    const holder = configSource.path.slice(0, -1).filter((segment) => typeof segment === 'string').pop();
    return { kind: 'object', label: String(holder), targetKind: configSource.kind, namespace: object.namespace, name: configSource.name, targets: configSourcesNamed(model, configSource.kind, object.namespace, configSource.name) };
  }
  const selector = [...networkPolicySelectors(object), disruptionBudgetSelector(object), podMonitoringSelector(object)].filter((candidate) => candidate !== undefined).find((candidate) => startsWith(path, candidate.path));
  if (selector) {
    const pods = selector.empty && object.kind === 'NetworkPolicy' ? model.podsIn(object.namespace) : model.podsIn(object.namespace).filter((pod) => !selector.empty && matchesLabelSelector(pod.labels, selector.selector));
    return { kind: 'pod-selector', label: `${object.kind} ${selector.field}`, namespace: object.namespace, pods };
  }
  const configured = object.body ? configuredHostsWithPod({ model, settings: model.settings }, object) : undefined;
  const host = configured?.hosts.find((candidate) => startsWith(path, candidate.path));
  if (configured && host) return { kind: 'configured-host', host, from: configured.from, lookup: lookUpConfiguredHost({ model }, configured, host.host) };
  if (isMonitor(object, 'ServiceMonitor')) {
    if (startsWith(path, ['spec', 'selector']) || startsWith(path, ['spec', 'namespaceSelector'])) return { kind: 'monitor-selector', services: servicesMonitoredBy(model, object) };
    const endpoint = monitorEndpoints(object).find((candidate) => startsWith(path, ['spec', 'endpoints', candidate.index, 'port']));
    if (!endpoint?.port) return undefined;
    const services = servicesMonitoredBy(model, object);
    const matches = services.flatMap((service) => service.ports.filter((port) => port.name === endpoint.port).map((port) => ({ service, port })));
    return { kind: 'monitor-port', port: endpoint.port, matches, services };
  }
  if (isPodScrapingMonitor(object)) {
    const endpoint = monitorEndpoints(object).find((candidate) => startsWith(path, ['spec', candidate.list, candidate.index, 'port']));
    if (!endpoint?.port) return undefined;
    const pods = podsMonitoredBy(model, object);
    return { kind: 'pod-monitor-port', port: endpoint.port, ports: containerPortsOf(pods).filter((port) => port.name === endpoint.port), pods };
  }
  return undefined;
}

/** The fields of Ingresses, routes, webhooks, APIServices and ServiceMonitors that refer to this Service, for find references. */
export function placesReferringTo(model: ClusterModel, service: ServiceView): { readonly object: ManifestObject; readonly path: ValuePath }[] {
  const places: { object: ManifestObject; path: ValuePath }[] = [];
  for (const ingress of model.objectsOfKind('Ingress')) {
    if (ingress.namespace !== service.namespace) continue;
    for (const backend of ingressServiceBackends(ingress)) if (backend.name === service.name) places.push({ object: ingress, path: [...backend.path, 'name'] });
  }
  for (const kind of ROUTE_KINDS) {
    for (const route of model.objectsOfKind(kind)) {
      for (const ref of routeServiceRefs(route)) if (ref.name === service.name && ref.namespace === service.namespace) places.push({ object: route, path: [...ref.path, 'name'] });
    }
  }
  for (const kind of API_SERVER_CALLER_KINDS) {
    for (const caller of model.objectsOfKind(kind)) {
      for (const ref of apiServerServiceRefs(caller)) if (ref.name === service.name && ref.namespace === service.namespace) places.push({ object: caller, path: [...ref.path, 'name'] });
    }
  }
  for (const monitor of model.objectsOfKind('ServiceMonitor')) {
    if (isMonitor(monitor, 'ServiceMonitor') && servicesMonitoredBy(model, monitor).includes(service)) places.push({ object: monitor, path: ['spec', 'selector'] });
  }
  return places;
}
