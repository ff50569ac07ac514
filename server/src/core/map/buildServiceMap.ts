import { endpointName } from '../dns/records';
import type { ClusterModel } from '../model/clusterModel';
import { findPort } from '../model/findPort';
import { isClusterScoped, type ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import type { ServicePort, ServiceView } from '../model/serviceView';
import { containerPortsOf } from '../references/containerPorts';
import { ingressServiceBackends } from '../references/ingressBackends';
import { isMonitor, monitorEndpoints, podsMonitoredBy, servicesMonitoredBy } from '../references/monitorSelection';
import { routeServiceRefs, ROUTE_KINDS } from '../references/routeBackendRefs';
import { selectedTemplates } from '../rules/selectedTemplates';
import type { Finding } from '../rules/types';
import type { ValuePath } from '../yaml/sourceLocator';
import { attachedObjects } from './attachedObjects';
import { attachFindings, type ObjectPlaces } from './attachFindings';
import { configMapCalls, serviceCalls } from './mapCallers';
import { MapGraphBuilder } from './mapGraphBuilder';
import { ingressClosedReason } from './policyDenials';
import type { ServiceMap } from './serviceMap';

export interface ServiceMapOptions {
  /** Only this namespace, and what crosses into or out of it; every namespace when absent. */
  readonly namespace?: string;
  /** The cluster's findings (lintFiles, or a LintSession's): those of wiring rules mark what is broken. */
  readonly findings?: readonly Finding[];
}

/** Per-Pod DNS names listed under a headless Service before the rest is counted. */
const MAX_POD_NAMES = 5;

/**
 * The wiring of a cluster: routes and monitors → Services → workloads → container ports, with
 * ExternalName hosts leaving the cluster and Services that objects name but the cluster lacks.
 */
export function buildServiceMap(model: ClusterModel, options: ServiceMapOptions = {}): ServiceMap {
  const scope = options.namespace;
  const inScope = (namespace: string): boolean => scope === undefined || namespace === scope;
  const graph = new MapGraphBuilder();
  const places = new Map<string, ObjectPlaces>();
  const placesOf = (object: ManifestObject, nodeId: string): ObjectPlaces => {
    let entry = places.get(object.id);
    if (!entry) places.set(object.id, (entry = { object, nodeId, edges: [] }));
    return entry;
  };

  // what points at Services first: a route in another namespace brings its Service in, and back
  const services = new Map<string, ServiceView>();
  for (const service of scope === undefined ? model.services() : model.servicesIn(scope)) services.set(serviceId(service.namespace, service.name), service);
  const reach = (object: ManifestObject, namespace: string, name: string): string | undefined => {
    const service = model.service(namespace, name);
    if (!inScope(object.namespace) && !inScope(namespace)) return undefined;
    const id = serviceId(namespace, name);
    if (service) services.set(id, service);
    else graph.node({ id: `missing:${namespace}/${name}`, kind: 'missing', objectKind: 'Service', namespace, name, details: ['not in this cluster'] });
    return service ? id : `missing:${namespace}/${name}`;
  };

  for (const route of ['Ingress', ...ROUTE_KINDS].flatMap((kind) => model.objectsOfKind(kind))) {
    const targets = route.kind === 'Ingress'
      ? ingressServiceBackends(route).map((backend) => ({ path: backend.path, namespace: route.namespace, name: backend.name, port: backend.portName ?? (backend.portNumber === undefined ? '' : String(backend.portNumber)) }))
      : routeServiceRefs(route).map((ref) => ({ path: ref.path, namespace: ref.namespace, name: ref.name, port: ref.port === undefined ? '' : String(ref.port) }));
    const edges: { to: string; port: string; path: ValuePath }[] = [];
    for (const target of targets) {
      if (!target.name) continue;
      const to = reach(route, target.namespace, target.name);
      if (to) edges.push({ to, port: target.port, path: target.path });
    }
    if (edges.length === 0 && !inScope(route.namespace)) continue;
    const id = objectNodeId('route', route);
    graph.node({ id, kind: 'route', objectKind: route.kind, namespace: route.namespace, name: route.name, details: routeDetails(route), source: sourceOf(route) });
    const owner = placesOf(route, id);
    for (const [to, group] of groupBy(edges, (edge) => edge.to)) {
      const edgeId = graph.edge({ kind: 'routes', from: id, to, label: unique(group.map((edge) => edge.port)).join(', ') });
      for (const edge of group) owner.edges.push({ edgeId, path: edge.path });
    }
  }

  for (const monitor of model.objectsOfKind('ServiceMonitor').filter((object) => isMonitor(object, 'ServiceMonitor'))) {
    const targets = servicesMonitoredBy(model, monitor).filter((service) => inScope(monitor.namespace) || inScope(service.namespace));
    if (targets.length === 0 && !inScope(monitor.namespace)) continue;
    const id = objectNodeId('monitor', monitor);
    graph.node({ id, kind: 'monitor', objectKind: monitor.kind, namespace: monitor.namespace, name: monitor.name, details: [], source: sourceOf(monitor) });
    const owner = placesOf(monitor, id);
    const label = unique(monitorEndpoints(monitor).map((endpoint) => endpoint.port ?? String(endpoint.targetPort ?? ''))).join(', ');
    for (const service of targets) {
      services.set(serviceId(service.namespace, service.name), service);
      owner.edges.push({ edgeId: graph.edge({ kind: 'scrapes', from: id, to: serviceId(service.namespace, service.name), label }), path: ['spec', 'endpoints'] });
    }
  }

  const podMonitors = model.objectsOfKind('PodMonitor').filter((object) => isMonitor(object, 'PodMonitor'));
  const workloadsScraped: { monitor: ManifestObject; pods: readonly PodView[] }[] = [];
  for (const monitor of podMonitors) {
    const pods = podsMonitoredBy(model, monitor).filter((pod) => inScope(monitor.namespace) || inScope(pod.namespace));
    if (pods.length === 0 && !inScope(monitor.namespace)) continue;
    graph.node({ id: objectNodeId('monitor', monitor), kind: 'monitor', objectKind: monitor.kind, namespace: monitor.namespace, name: monitor.name, details: [], source: sourceOf(monitor) });
    placesOf(monitor, objectNodeId('monitor', monitor));
    workloadsScraped.push({ monitor, pods });
  }

  // Services, then the workloads their selectors reach (a Service selects Pods of its own namespace)
  const owners = new Map<string, ManifestObject>();
  for (const [id, service] of [...services].sort(([a], [b]) => compare(a, b))) {
    graph.node({ id, kind: 'service', objectKind: 'Service', namespace: service.namespace, name: service.name, details: serviceDetails(model, service), source: sourceOf(service.object) });
    const owner = placesOf(service.object, id);
    if (service.type === 'ExternalName') {
      if (service.externalName) {
        const host = `external:${service.externalName}`;
        graph.node({ id: host, kind: 'external', objectKind: '', namespace: '', name: service.externalName, details: ['outside the cluster'] });
        owner.edges.push({ edgeId: graph.edge({ kind: 'aliases', from: id, to: host, label: 'CNAME' }), path: ['spec', 'externalName'] });
      }
      continue;
    }
    for (const template of selectedTemplates(model, service)) {
      const workload = objectNodeId('workload', template.owner);
      owners.set(workload, template.owner);
      const resolved = service.ports.map((port) => ({ port, resolution: findPort(template.spec, port) }));
      const denied = closedToEveryone(model, template.owner, resolved);
      const edgeId = graph.edge({ kind: 'selects', from: id, to: workload, label: resolved.map(({ port, resolution }) => `${portText(port)} → ${resolution.ok ? resolution.port : `${String(port.targetPort)} ✗`}`).join(', '), denied });
      // a finding on a port's targetPort concerns the workloads that lack it; others on the selector
      owner.edges.push({ edgeId, path: ['spec', 'selector'] });
      for (const { port, resolution } of resolved) if (!resolution.ok) owner.edges.push({ edgeId, path: ['spec', 'ports', port.index] });
    }
  }
  for (const pod of scope === undefined ? model.pods() : model.podsIn(scope)) owners.set(objectNodeId('workload', pod.template.owner), pod.template.owner);

  // what workloads are configured to call (an env URL, a ConfigMap key they read), dashed where NetworkPolicy stops it
  const calls = [...owners].sort(([a], [b]) => compare(a, b)).flatMap(([, owner]) => serviceCalls(model, owner));
  for (const configMap of model.objectsOfKind('ConfigMap')) {
    if (inScope(configMap.namespace)) calls.push(...configMapCalls(model, configMap).filter((call) => owners.has(objectNodeId('workload', call.caller))));
  }
  for (const call of calls) {
    const id = objectNodeId('workload', call.caller);
    const to = serviceId(call.service.namespace, call.service.name);
    if (!services.has(to)) {
      // a Service of another namespace: drawn, without the workloads behind it
      services.set(to, call.service);
      graph.node({ id: to, kind: 'service', objectKind: 'Service', namespace: call.service.namespace, name: call.service.name, details: serviceDetails(model, call.service), source: sourceOf(call.service.object) });
      placesOf(call.service.object, to);
    }
    const edgeId = graph.edge({ kind: 'calls', from: id, to, label: call.host.written, denied: call.denied });
    // a finding on the host (a ConfigMap key, an env value) goes on this edge
    placesOf(call.writtenIn, call.writtenIn === call.caller ? id : `configmap:${call.writtenIn.namespace}/${call.writtenIn.name}`).edges.push({ edgeId, path: call.host.path });
  }

  // autoscalers and disruption budgets, beside the workloads they act on
  const attached = attachedObjects(model, inScope);
  for (const item of attached) for (const target of item.targets) owners.set(objectNodeId('workload', target), target);
  for (const { monitor, pods } of workloadsScraped) {
    const from = objectNodeId('monitor', monitor);
    const label = unique(monitorEndpoints(monitor).map((endpoint) => endpoint.port ?? String(endpoint.targetPort ?? ''))).join(', ');
    for (const owner of unique(pods.map((pod) => pod.template.owner))) {
      owners.set(objectNodeId('workload', owner), owner);
      places.get(monitor.id)!.edges.push({ edgeId: graph.edge({ kind: 'scrapes', from, to: objectNodeId('workload', owner), label }), path: ['spec', 'podMetricsEndpoints'] });
    }
  }

  for (const [id, owner] of [...owners].sort(([a], [b]) => compare(a, b))) {
    const pods = model.podsOf(owner);
    const ready = pods.filter((pod) => pod.ready).length;
    const shortfall = model.podShortfallOf(owner);
    graph.node({ id, kind: 'workload', objectKind: owner.kind, namespace: owner.namespace, name: owner.name, details: [`${ready}/${shortfall ? `${shortfall.requested} (${pods.length} simulated)` : pods.length} ready`], source: sourceOf(owner) });
    placesOf(owner, id);
    containerPortsOf(pods).forEach((port, index) => {
      const number = port.containerPort === undefined ? '?' : String(port.containerPort);
      const portId = `${id}/port:${port.name ?? number}#${index}`;
      graph.node({ id: portId, kind: 'containerPort', objectKind: '', namespace: owner.namespace, name: port.name ? `${port.name} ${number}` : number, details: [] });
      graph.edge({ kind: 'exposes', from: id, to: portId, label: '' });
    });
  }

  for (const item of attached) {
    const id = `${item.kind}:${item.object.kind}/${item.object.namespace}/${item.object.name}`;
    graph.node({ id, kind: item.kind, objectKind: item.object.kind, namespace: item.object.namespace, name: item.object.name, details: item.details, source: sourceOf(item.object) });
    const owner = placesOf(item.object, id);
    for (const target of item.targets) owner.edges.push({ edgeId: graph.edge({ kind: item.kind === 'autoscaler' ? 'scales' : 'guards', from: id, to: objectNodeId('workload', target), label: '' }), path: item.path });
  }

  const map = graph.build(scope ?? null, namespacesWithObjects(model));
  return attachFindings(model, map, places, options.findings ?? [], inScope);
}

/** Why no client reaches a workload on any of the Service's ports, when NetworkPolicy closes them all. */
function closedToEveryone(model: ClusterModel, owner: ManifestObject, resolved: readonly { port: ServicePort; resolution: ReturnType<typeof findPort> }[]): string | undefined {
  const pod = model.podsOf(owner)[0];
  const open = resolved.flatMap(({ port, resolution }) => (resolution.ok ? [{ protocol: port.protocol, target: resolution.port }] : []));
  if (!pod || open.length === 0) return undefined;
  const reasons: string[] = [];
  for (const { protocol, target } of open) {
    const reason = ingressClosedReason(model, pod, target, protocol);
    if (!reason) return undefined;
    reasons.push(reason);
  }
  return unique(reasons).join('; ');
}

/** The namespaces objects are written in (not the built-in ones the model always knows), for a picker. */
function namespacesWithObjects(model: ClusterModel): string[] {
  const namespaces = new Set<string>();
  for (const object of model.objects()) if (!isClusterScoped(object.kind)) namespaces.add(object.namespace);
  return [...namespaces].sort(compare);
}

function serviceDetails(model: ClusterModel, service: ServiceView): string[] {
  const details: string[] = [];
  if (service.type === 'ExternalName') details.push(`ExternalName → ${service.externalName ?? '?'}`);
  else if (service.headless) details.push('headless');
  else details.push(`${service.type} ${service.clusterIPs.map((ip) => ip.ip).join(', ')}`);
  for (const port of service.ports) details.push(`${portText(port)}/${port.protocol}${port.targetPort !== undefined && port.targetPort !== port.port ? ` → ${String(port.targetPort)}` : ''}`);
  if (service.headless && service.type !== 'ExternalName') {
    // the names DNS publishes per endpoint: what StatefulSet peers and subdomains look up
    const zone = `${service.name}.${service.namespace}.svc.${model.settings.clusterDomain}`;
    const names = unique(model.backendsOf(service).endpoints.filter((endpoint) => endpoint.hostname).map((endpoint) => `${endpointName(endpoint, model.settings)}.${zone}`));
    details.push(...names.slice(0, MAX_POD_NAMES));
    if (names.length > MAX_POD_NAMES) details.push(`… ${names.length - MAX_POD_NAMES} more`);
  }
  const { origin } = model.backendsOf(service);
  const count = model.backendsOf(service).endpoints.length;
  if (origin === 'hand-written') details.push(`${count} ${count === 1 ? 'endpoint' : 'endpoints'} written by hand`);
  return details;
}

function routeDetails(route: ManifestObject): string[] {
  if (route.kind !== 'Ingress') return [];
  const hosts = (route.body?.spec as { rules?: { host?: unknown }[] } | undefined)?.rules?.map((rule) => rule?.host).filter((host): host is string => typeof host === 'string') ?? [];
  return unique(hosts);
}

function portText(port: ServicePort): string {
  const number = port.port === undefined ? '?' : String(port.port);
  return port.name ? `${port.name} ${number}` : number;
}

export function serviceId(namespace: string, name: string): string {
  return `service:${namespace}/${name}`;
}

function objectNodeId(kind: 'route' | 'monitor' | 'workload', object: ManifestObject): string {
  return `${kind}:${object.kind}/${object.namespace}/${object.name}`;
}

function sourceOf(object: ManifestObject): { file: string; span: ManifestObject['documentSpan'] } {
  return { file: object.file, span: object.documentSpan };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)].filter((item) => item !== '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
