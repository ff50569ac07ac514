import { cidrList, requestedFamilies, type ClusterModel } from './clusterModel';
import { findPort } from './findPort';
import { canonicalIp, parseIp, type IpFamily } from './ip';
import type { ManifestObject } from './manifestObject';
import { endpointSliceSchema, endpointsSchema } from './schemas/endpoints';
import type { EndpointPort, ServiceBackends, ServiceEndpoint } from './serviceEndpoints';
import type { ServiceView } from './serviceView';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

/**
 * The endpoints a Service gets, as the controllers build them: Pods matched by the selector with
 * ports resolved by FindPort and readiness per `publishNotReadyAddresses`; for a selector-less
 * Service, its hand-written EndpointSlices and the Endpoints of the same name that the mirroring
 * controller copies. Hand-written Endpoints of a Service with a selector are overwritten.
 */
export function computeBackends(model: ClusterModel, service: ServiceView): ServiceBackends {
  if (service.type === 'ExternalName') return { endpoints: [], origin: 'external-name', ignored: handWrittenEndpoints(model, service).map((object) => ({ object, reason: 'ExternalName Services get no endpoints' })) };
  const endpoints: ServiceEndpoint[] = [];
  const ignored: { object: ManifestObject; reason: string }[] = [];
  if (service.selector) {
    const families = serviceFamilies(model, service);
    for (const pod of model.podsSelectedBy(service.namespace, service.selector)) {
      // ShouldPodBeInEndpoints: a terminal Pod is left out, whatever publishNotReadyAddresses says
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      const ports: EndpointPort[] = [];
      const unresolvedPorts: { portIndex: number; reason: string }[] = [];
      for (const servicePort of service.ports) {
        const resolved = findPort(pod.template.spec, servicePort);
        if (resolved.ok) ports.push({ name: servicePort.name, port: resolved.port, protocol: servicePort.protocol });
        else unresolvedPorts.push({ portIndex: servicePort.index, reason: resolved.reason });
      }
      // ShouldSetHostname: the Pod has a hostname and its subdomain names this Service
      const hostname = pod.hostnameSet && pod.subdomain === service.name ? pod.hostname : undefined;
      for (const { ip, family } of pod.ips) {
        if (!families.includes(family)) continue;
        endpoints.push({
          ip, family, ready: service.publishNotReadyAddresses || pod.ready, hostname, pod, targetRefName: pod.name, nodeName: pod.nodeName,
          ports, unresolvedPorts, source: pod.template.owner, simulated: pod.ipSimulated,
        });
      }
    }
    for (const object of handWrittenEndpoints(model, service)) {
      if (object.kind === 'Endpoints') ignored.push({ object, reason: 'the Service has a selector, so the endpoints controller owns its Endpoints and replaces these' });
    }
  } else {
    for (const object of handWrittenEndpoints(model, service)) {
      if (object.kind === 'Endpoints') {
        if (object.labels[SKIP_MIRROR_LABEL] === 'true') {
          ignored.push({ object, reason: `it is labelled ${SKIP_MIRROR_LABEL}=true, so it is not mirrored to an EndpointSlice` });
          continue;
        }
        if (object.annotations[LEADER_ANNOTATION] !== undefined) {
          ignored.push({ object, reason: 'it carries a leader-election annotation, so it is not mirrored' });
          continue;
        }
        endpoints.push(...fromEndpoints(model, object));
      } else {
        endpoints.push(...fromEndpointSlice(model, object));
      }
    }
  }
  if (service.selector) {
    // custom EndpointSlices (not managed by the controller) still reach kube-proxy and CoreDNS
    for (const object of handWrittenEndpoints(model, service)) if (object.kind === 'EndpointSlice') endpoints.push(...fromEndpointSlice(model, object));
  }
  const origin = service.selector ? 'selector' : endpoints.length > 0 ? 'hand-written' : 'none';
  return { endpoints: dedupe(endpoints), origin, ignored };
}

/**
 * The address families the EndpointSlice controller makes slices for: the Service's `ipFamilies` —
 * its cluster IPs' families, or for a headless Service the API server's defaults (SingleStack in the
 * first service CIDR's family unless a dual-stack policy or `ipFamilies` says otherwise).
 */
function serviceFamilies(model: ClusterModel, service: ServiceView): IpFamily[] {
  if (!service.headless && service.clusterIPs.length > 0) return [...new Set(service.clusterIPs.map((ip) => ip.family))];
  return requestedFamilies(service.spec.ipFamilies, service.spec.ipFamilyPolicy, cidrList(model.settings.serviceCIDR));
}

/** Endpoints named like the Service and EndpointSlices labelled with its name, in its namespace. */
export function handWrittenEndpoints(model: ClusterModel, service: ServiceView): ManifestObject[] {
  const endpoints = model.objectsNamed('Endpoints', service.namespace, service.name);
  const slices = model.objectsOfKind('EndpointSlice').filter((slice) => slice.namespace === service.namespace && slice.labels[SERVICE_NAME_LABEL] === service.name);
  return [...endpoints, ...slices];
}

function fromEndpoints(model: ClusterModel, object: ManifestObject): ServiceEndpoint[] {
  const body = endpointsSchema.safeParse(object.body ?? {}).data ?? {};
  const result: ServiceEndpoint[] = [];
  for (const subset of body.subsets ?? []) {
    const ports: EndpointPort[] = (subset.ports ?? []).flatMap((port) => (port.port === undefined ? [] : [{ name: port.name, port: port.port, protocol: port.protocol ?? 'TCP' }]));
    const addresses = [...(subset.addresses ?? []).map((address) => ({ address, ready: true })), ...(subset.notReadyAddresses ?? []).map((address) => ({ address, ready: false }))];
    for (const { address, ready } of addresses) {
      const parsed = address.ip ? parseIp(address.ip) : undefined;
      if (!address.ip || !parsed) continue;
      const pod = address.targetRef?.kind === 'Pod' ? model.podsIn(address.targetRef.namespace ?? object.namespace).find((candidate) => candidate.name === address.targetRef?.name) : undefined;
      result.push({ ip: address.ip, family: parsed.family, ready, hostname: address.hostname, pod, targetRefName: address.targetRef?.name, nodeName: address.nodeName, ports, unresolvedPorts: [], source: object, simulated: false });
    }
  }
  return result;
}

function fromEndpointSlice(model: ClusterModel, object: ManifestObject): ServiceEndpoint[] {
  const body = endpointSliceSchema.safeParse(object.body ?? {}).data ?? {};
  if (body.addressType === 'FQDN') return [];
  const ports: EndpointPort[] = (body.ports ?? []).flatMap((port) => (typeof port.port === 'number' ? [{ name: port.name ?? undefined, port: port.port, protocol: port.protocol ?? 'TCP' }] : []));
  const result: ServiceEndpoint[] = [];
  for (const endpoint of body.endpoints ?? []) {
    // a nil `ready` condition counts as ready (EndpointSlice API; CoreDNS does the same)
    const ready = endpoint.conditions?.ready !== false;
    const pod = endpoint.targetRef?.kind === 'Pod' ? model.podsIn(endpoint.targetRef.namespace ?? object.namespace).find((candidate) => candidate.name === endpoint.targetRef?.name) : undefined;
    for (const ip of endpoint.addresses ?? []) {
      const parsed = parseIp(ip);
      if (!parsed) continue;
      result.push({ ip, family: parsed.family, ready, hostname: endpoint.hostname, pod, targetRefName: endpoint.targetRef?.name, nodeName: endpoint.nodeName, ports, unresolvedPorts: [], source: object, simulated: false });
    }
  }
  return result;
}

function dedupe(endpoints: ServiceEndpoint[]): ServiceEndpoint[] {
  const seen = new Set<string>();
  return endpoints.filter((endpoint) => {
    const key = canonicalIp(endpoint.ip);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
