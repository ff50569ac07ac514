import type { ClusterModel } from '../core/model/clusterModel';
import type { ManifestObject } from '../core/model/manifestObject';
import type { PodView } from '../core/model/podView';
import type { ServicePort, ServiceView } from '../core/model/serviceView';
import { containerPortsOf, type ContainerPortAt } from '../core/references/containerPorts';
import { ingressServiceBackends } from '../core/references/ingressBackends';
import { isMonitor, monitorEndpoints, podsMonitoredBy, servicesMonitoredBy } from '../core/references/monitorSelection';
import { isRoute, ROUTE_KINDS, routeServiceRefs } from '../core/references/routeBackendRefs';
import type { ValuePath } from '../core/yaml/sourceLocator';
import { startsWith } from './objectAt';

/**
 * What a field of an Ingress, a Gateway API route or a prometheus-operator monitor refers to, for
 * hover and go to definition: a Service by name (and one of its ports), the Services a
 * ServiceMonitor selects and the port names it scrapes, or the container ports a PodMonitor scrapes.
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
  | { readonly kind: 'pod-monitor-port'; readonly port: string; readonly ports: readonly ContainerPortAt[]; readonly pods: readonly PodView[] };

export function referenceAt(model: ClusterModel, object: ManifestObject, path: ValuePath): ReferenceAt | undefined {
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
  if (isMonitor(object, 'ServiceMonitor')) {
    if (startsWith(path, ['spec', 'selector']) || startsWith(path, ['spec', 'namespaceSelector'])) return { kind: 'monitor-selector', services: servicesMonitoredBy(model, object) };
    const endpoint = monitorEndpoints(object).find((candidate) => startsWith(path, ['spec', 'endpoints', candidate.index, 'port']));
    if (!endpoint?.port) return undefined;
    const services = servicesMonitoredBy(model, object);
    const matches = services.flatMap((service) => service.ports.filter((port) => port.name === endpoint.port).map((port) => ({ service, port })));
    return { kind: 'monitor-port', port: endpoint.port, matches, services };
  }
  if (isMonitor(object, 'PodMonitor')) {
    const endpoint = monitorEndpoints(object).find((candidate) => startsWith(path, ['spec', 'podMetricsEndpoints', candidate.index, 'port']));
    if (!endpoint?.port) return undefined;
    const pods = podsMonitoredBy(model, object);
    return { kind: 'pod-monitor-port', port: endpoint.port, ports: containerPortsOf(pods).filter((port) => port.name === endpoint.port), pods };
  }
  return undefined;
}

/** The fields of Ingresses, routes and ServiceMonitors that refer to this Service, for find references. */
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
  for (const monitor of model.objectsOfKind('ServiceMonitor')) {
    if (isMonitor(monitor, 'ServiceMonitor') && servicesMonitoredBy(model, monitor).includes(service)) places.push({ object: monitor, path: ['spec', 'selector'] });
  }
  return places;
}
