import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { SERVICE_NAME_LABEL } from '../model/computeBackends';
import { PodLabelSummary } from '../model/podLabelSummary';
import type { ServiceEndpoint } from '../model/serviceEndpoints';
import type { ServiceView } from '../model/serviceView';
import type { AnalysisSettings } from '../settings';
import { dnsSettingsOf } from '../corefile/profileOf';
import { builtInServices, findService } from './builtInServices';
import { dashedIp, looksLikeIp, normalizeName, reverseName, serviceFqdn } from './dnsName';
import type { PublishedRecord, RecordType } from './dnsRecord';

/** The schema version of kubernetes/dns `docs/specification.md` this simulator follows. */
export const DNS_SCHEMA_VERSION = '1.1.0';
/** CoreDNS serves `dns-version` with a fixed TTL of 28800 seconds. */
export const DNS_VERSION_TTL = 28800;

/** A published record, with the endpoint it names when it comes from one. */
export interface EndpointRecord extends PublishedRecord {
  readonly endpoint?: ServiceEndpoint;
  readonly service?: ServiceView;
}

export function zoneOf(settings: AnalysisSettings): string {
  return normalizeName(settings.clusterDomain);
}

/** §2.2 Schema version record: `dns-version.<zone>. IN TXT "1.1.0"`. */
export function schemaVersionRecords(settings: AnalysisSettings): EndpointRecord[] {
  return [{ name: `dns-version.${zoneOf(settings)}.`, type: 'TXT', ttl: DNS_VERSION_TTL, data: `"${DNS_SCHEMA_VERSION}"`, simulated: false, section: '§2.2' }];
}

/**
 * §2.3 Service with ClusterIP: A/AAAA per cluster IP family, SRV per named port (unnamed ports have
 * none), PTR per cluster IP. SRV weights are what CoreDNS gives (100 split over the cluster IPs).
 */
export function clusterIpServiceRecords(service: ServiceView, settings: AnalysisSettings): EndpointRecord[] {
  const fqdn = serviceFqdn(service.name, service.namespace, zoneOf(settings));
  const ttl = settings.dnsTtl;
  const base = { ttl, source: service.object, service, section: '§2.3' };
  const records: EndpointRecord[] = [];
  for (const ip of service.clusterIPs) records.push({ ...base, name: `${fqdn}.`, type: addressType(ip.family), data: ip.ip, simulated: ip.simulated });
  const weight = srvWeight(service.clusterIPs.length);
  for (const port of service.ports) {
    if (!port.name || port.port === undefined) continue;
    records.push({ ...base, name: `${srvLabels(port.name, port.protocol)}.${fqdn}.`, type: 'SRV', data: `0 ${weight} ${port.port} ${fqdn}.`, simulated: false });
  }
  for (const ip of service.clusterIPs) {
    const reverse = reverseName(ip.ip);
    if (reverse) records.push({ ...base, name: `${reverse}.`, type: 'PTR', data: `${fqdn}.`, simulated: ip.simulated });
  }
  return records;
}

/**
 * §2.4 Headless Service: A/AAAA at the Service name per ready endpoint (none ready: the name does not
 * exist), A/AAAA at `<hostname>.<service>` per ready endpoint, SRV per ready endpoint × named port
 * targeting that name, PTR per ready endpoint. `publishNotReadyAddresses` makes every endpoint ready
 * (the model applies it). Endpoints without a hostname get the system-assigned identifier the spec
 * allows (§2.1); like CoreDNS we use the dashed address, or the Pod name with `endpointPodNames`.
 */
export function headlessServiceRecords(service: ServiceView, endpoints: readonly ServiceEndpoint[], settings: AnalysisSettings): EndpointRecord[] {
  const fqdn = serviceFqdn(service.name, service.namespace, zoneOf(settings));
  const ttl = settings.dnsTtl;
  const ready = endpoints.filter((endpoint) => endpoint.ready);
  const base = { ttl, source: service.object, service, section: '§2.4' };
  const records: EndpointRecord[] = [];
  const seen = new Set<string>();
  const add = (entry: EndpointRecord): void => {
    const key = `${entry.name} ${entry.type} ${entry.data}`;
    if (!seen.has(key)) records.push(entry);
    seen.add(key);
  };
  for (const endpoint of ready) add({ ...base, endpoint, name: `${fqdn}.`, type: addressType(endpoint.family), data: endpoint.ip, simulated: endpoint.simulated });
  for (const endpoint of ready) add({ ...base, endpoint, name: `${endpointName(endpoint, settings)}.${fqdn}.`, type: addressType(endpoint.family), data: endpoint.ip, simulated: endpoint.simulated });
  // CoreDNS splits a weight of 100 over every (address × port) entry answering the same SRV name
  const srvEntries = new Map<string, { endpoint: ServiceEndpoint; port: number; target: string }[]>();
  for (const endpoint of ready) {
    for (const port of endpoint.ports) {
      if (!port.name) continue;
      const owner = `${srvLabels(port.name, port.protocol)}.${fqdn}.`;
      const list = srvEntries.get(owner) ?? [];
      list.push({ endpoint, port: port.port, target: `${endpointName(endpoint, settings)}.${fqdn}.` });
      srvEntries.set(owner, list);
    }
  }
  for (const [owner, entries] of srvEntries) {
    const weight = srvWeight(entries.length);
    for (const entry of entries) add({ ...base, endpoint: entry.endpoint, name: owner, type: 'SRV', data: `0 ${weight} ${entry.port} ${entry.target}`, simulated: false });
  }
  for (const endpoint of ready) {
    const reverse = reverseName(endpoint.ip);
    if (reverse) add({ ...base, endpoint, name: `${reverse}.`, type: 'PTR', data: `${endpointName(endpoint, settings)}.${fqdn}.`, simulated: endpoint.simulated });
  }
  return records;
}

/**
 * §2.5 ExternalName: `<service>.<ns>.svc.<zone>. IN CNAME <externalName>.`. An externalName that
 * parses as an IP address is not a name: CoreDNS does not serve it (the name answers NXDOMAIN).
 */
export function externalNameRecords(service: ServiceView, settings: AnalysisSettings): EndpointRecord[] {
  const target = service.externalName?.trim();
  if (!target || looksLikeIp(target)) return [];
  const fqdn = serviceFqdn(service.name, service.namespace, zoneOf(settings));
  return [{ name: `${fqdn}.`, type: 'CNAME', ttl: settings.dnsTtl, data: `${target.replace(/\.$/, '')}.`, simulated: false, source: service.object, service, section: '§2.5' }];
}

/** Every record the spec requires for one Service, by its type. */
export function serviceRecords(model: ClusterModel, service: ServiceView): EndpointRecord[] {
  const settings = dnsSettingsOf(model);
  if (service.type === 'ExternalName') return externalNameRecords(service, settings);
  if (service.headless) return headlessServiceRecords(service, model.backendsOf(service).endpoints, settings);
  return clusterIpServiceRecords(service, settings);
}

/** The whole cluster zone (and its reverse records): §2.2 then every Service by namespace and name, the built-in ones included. */
export function clusterRecords(model: ClusterModel): EndpointRecord[] {
  const services = [...model.services(), ...builtInServices(model)].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const seen = new Set<ServiceView>();
  const records = schemaVersionRecords(dnsSettingsOf(model));
  for (const service of services) {
    // a Service defined twice publishes once: the model keeps the first definition
    const view = findService(model, service.namespace, service.name);
    if (!view || seen.has(view)) continue;
    seen.add(view);
    records.push(...serviceRecords(model, view));
  }
  return records;
}

/**
 * The records an object publishes or feeds: a Service its own; a Pod or workload the per-endpoint
 * records of its Pods; an Endpoints or EndpointSlice those of the addresses it lists.
 */
export function recordsOf(model: ClusterModel, object: ManifestObject): EndpointRecord[] {
  if (object.kind === 'Service') {
    const service = model.serviceOf(object);
    return service ? serviceRecords(model, service) : [];
  }
  let summary: PodLabelSummary | undefined;
  const pods = (): PodLabelSummary => (summary ??= new PodLabelSummary(model.podsOf(object)));
  const related = model.servicesIn(object.namespace).filter((service) => service.headless && model.service(service.namespace, service.name) === service && mayPublishFor(service, object, pods()));
  return related.flatMap((service) => serviceRecords(model, service)).filter((entry) => entry.endpoint && (entry.endpoint.source === object || entry.endpoint.pod?.template.owner === object));
}

/**
 * Whether a headless Service can have an endpoint from the object, before its records are made: an
 * Endpoints object is its Service's by name, an EndpointSlice by its `kubernetes.io/service-name`
 * label; a Service selects a workload's Pods by their labels, and one without a selector may list
 * them in Endpoints of its own.
 */
function mayPublishFor(service: ServiceView, object: ManifestObject, pods: PodLabelSummary): boolean {
  if (object.kind === 'Endpoints') return service.name === object.name;
  const sliceOf = object.kind === 'EndpointSlice' ? object.labels[SERVICE_NAME_LABEL] : undefined;
  if (sliceOf !== undefined) return service.name === sliceOf;
  if (object.kind === 'EndpointSlice') return true;
  return !service.selector || pods.selectedBy(service.selector);
}

/**
 * The label of an endpoint below its Service: its hostname; else, with CoreDNS `endpoint_pod_names`,
 * the name its targetRef gives (when it fits a label); else the dashed address.
 */
export function endpointName(endpoint: ServiceEndpoint, settings: AnalysisSettings): string {
  if (endpoint.hostname) return endpoint.hostname;
  const podName = endpoint.targetRefName ?? endpoint.pod?.name;
  if (settings.dnsProfile === 'coredns' && settings.endpointPodNames && podName && podName.length <= 63) return podName;
  return dashedIp(endpoint.ip);
}

export function addressType(family: 'IPv4' | 'IPv6'): RecordType {
  return family === 'IPv4' ? 'A' : 'AAAA';
}

export function srvLabels(portName: string, protocol: string): string {
  return `_${portName}._${protocol.toLowerCase()}`;
}

/** CoreDNS: 100 / N, rounded down, at least 1. */
export function srvWeight(entries: number): number {
  return Math.max(1, Math.floor(100 / Math.max(1, entries)));
}
