import type { ClusterModel } from '../model/clusterModel';
import { canonicalIp, parseIp } from '../model/ip';
import { describeUnknownSelection } from '../model/selectorMatch';
import type { ServiceEndpoint } from '../model/serviceEndpoints';
import type { ServiceView } from '../model/serviceView';
import { builtInServices, findService, isBuiltIn } from './builtInServices';
import { absolute, ipFromDashed, ipFromReverseName, isInZone, labelsBelow, looksLikeIp, normalizeName, serviceFqdn } from './dnsName';
import type { DnsRecord, QueryType } from './dnsRecord';
import { addressType, DNS_SCHEMA_VERSION, DNS_VERSION_TTL, endpointName, srvWeight, zoneOf } from './records';
import { clusterDnsIp } from './resolvConf';
import { nameServerAddress, nsRecord, REVERSE_ZONES, soaRecord } from './zoneApex';
import { upstreamAnswer } from './upstream';
import type { AnalysisSettings } from '../settings';
import { MAX_CNAME_CHAIN, zoneAnswer, type ZoneAnswer } from './zoneAnswer';

/** One item CoreDNS's `Records` finds for a name: an address or a CNAME target, a port, and its own name. */
interface Backend {
  /** An IP address, or the domain name an ExternalName points to. */
  readonly host: string;
  /** −1 when the endpoint has no port (CoreDNS's sentinel), 0 for an ExternalName. */
  readonly port: number;
  /** The name the item stands for: the Service FQDN, or `<endpoint>.<service FQDN>`. */
  readonly owner: string;
  readonly simulated: boolean;
}

interface Lookup {
  /** NXDOMAIN: CoreDNS's errNoItems / errNsNotExposed / errInvalidRequest. */
  readonly nameError: boolean;
  readonly backends: readonly Backend[];
  readonly why: string[];
}

/** The parts of `[endpoint.|_port._proto.]service.namespace.(svc|pod).zone` (CoreDNS parse.go). */
interface Request {
  readonly kind: 'svc' | 'pod';
  readonly namespace: string;
  readonly service: string;
  readonly endpoint: string;
  readonly port: string;
  readonly protocol: string;
}

/**
 * The kubernetes plugin as one Corefile configures it: the options as settings (`clusterDomain` its
 * forward zone, `pods`, `endpointPodNames`, `ignoreEmptyService`, `dnsTtl`), every zone it serves,
 * the namespaces it exposes, how names outside the cluster are resolved (CoreDNS asks its own
 * server chain), and where each option is written, for the transcript.
 */
export interface Kube {
  readonly model: ClusterModel;
  readonly settings: AnalysisSettings;
  /** The zones it is authoritative for: the forward zone and the reverse zones. */
  readonly zones: readonly string[];
  readonly namespaces?: readonly string[];
  /** Resolves a name outside its zones, as CoreDNS's upstream lookup does (through the server again). */
  readonly external: (name: string, qtype: QueryType, reason: string) => ZoneAnswer;
  /** ` (Corefile:12)` for an option (`pods`, `ignore`, `namespaces`, …) or the plugin (`kubernetes`); '' when not written. */
  readonly cite: (option: string) => string;
}

/** The kubernetes plugin as kubeadm configures it, with the options of the settings. */
export function kubeadmKube(model: ClusterModel): Kube {
  return {
    model, settings: model.settings, zones: [zoneOf(model.settings), ...REVERSE_ZONES],
    external: (name, qtype, reason) => upstreamAnswer(model.settings, name, qtype, reason),
    cite: () => '',
  };
}

/**
 * Answers a question about the plugin's zones as CoreDNS's kubernetes plugin does. Beyond the spec
 * it answers SRV on a bare Service name with every port, `<endpoint>.<service>` for ClusterIP
 * Services too, A at `_port._proto` names, pod records, and PTR for endpoints of any Service. A
 * name it does not know is NXDOMAIN here; `fallthrough` is the server chain's business.
 */
export function coreDnsAnswer(model: ClusterModel, qname: string, qtype: QueryType, kube: Kube = kubeadmKube(model)): ZoneAnswer {
  const name = normalizeName(qname);
  if (qtype === 'SOA' || qtype === 'NS') {
    const apex = apexAnswer(kube, qname, qtype);
    if (apex) return apex;
  }
  if (!isInZone(name, zoneOf(kube.settings))) return reverseAnswer(kube, qname, qtype);
  switch (qtype) {
    case 'A':
    case 'AAAA':
      return addressAnswer(kube, qname, qtype, 0);
    case 'SRV':
      return srvAnswer(kube, qname);
    case 'CNAME':
      return cnameAnswer(kube, qname);
    case 'TXT':
      return txtAnswer(kube, qname);
    default: {
      // PTR on a forward name, NS below the apex, ANY and the rest: a fake A lookup decides NODATA versus NXDOMAIN
      const lookup = lookupRecords(kube, name);
      const note = `CoreDNS has no ${qtype} records here; a lookup of the name decides between NODATA and NXDOMAIN`;
      return lookup.nameError ? zoneAnswer('NXDOMAIN', [...lookup.why, note]) : zoneAnswer('NODATA', [...lookup.why, note]);
    }
  }
}

/**
 * SOA and NS, which CoreDNS synthesizes for the zones it serves (the cluster zone, in-addr.arpa and
 * ip6.arpa): at a zone apex, the record (NS with `ns.dns.<zone>`'s address as additional); SOA below
 * an apex is NOERROR without answers whether the name exists or not (handler.go answers SOA only
 * when the name is the zone); NS below an apex is left to the fake A lookup (undefined here).
 */
function apexAnswer(kube: Kube, qname: string, qtype: 'SOA' | 'NS'): ZoneAnswer | undefined {
  const name = normalizeName(qname);
  const served = kube.zones;
  const apex = served.find((candidate) => candidate === name);
  const own = (entry: DnsRecord): DnsRecord => ({ name: absolute(qname), type: entry.type, ttl: entry.ttl, data: entry.data, simulated: false });
  if (apex && qtype === 'SOA') return zoneAnswer('NOERROR', [`${apex} is a zone CoreDNS serves: it synthesizes the SOA (ns.dns.${apex}, hostmaster.${apex})`], [own(soaRecord(kube.settings, apex))]);
  if (apex && qtype === 'NS') {
    return zoneAnswer('NOERROR', [`${apex} is a zone CoreDNS serves: its name server is ns.dns.${apex}, the cluster DNS Service address`], [own(nsRecord(kube.settings, apex))], { additional: [nameServerAddress(kube.settings, apex)] });
  }
  const within = served.find((candidate) => isInZone(name, candidate));
  if (within && qtype === 'SOA') return zoneAnswer('NODATA', [`CoreDNS answers SOA only at the apex of ${within}; below it, NOERROR without answers whether the name exists or not`]);
  return undefined;
}

function addressAnswer(kube: Kube, qname: string, qtype: 'A' | 'AAAA', depth: number): ZoneAnswer {
  const name = normalizeName(qname);
  const zone = zoneOf(kube.settings);
  const lookup = lookupRecords(kube, name);
  if (lookup.nameError) return zoneAnswer('NXDOMAIN', lookup.why);
  const why = [...lookup.why];
  const answers: DnsRecord[] = [];
  const seen = new Set<string>();
  let upstream = false;
  const ttl = kube.settings.dnsTtl;
  for (const backend of lookup.backends) {
    const ip = parseIp(backend.host);
    if (ip) {
      if (addressType(ip.family) !== qtype || seen.has(backend.host)) continue;
      seen.add(backend.host);
      answers.push({ name: absolute(qname), type: qtype, ttl, data: backend.host, simulated: backend.simulated });
      continue;
    }
    const target = normalizeName(backend.host);
    if (target === name) continue; // x CNAME x is a loop CoreDNS skips
    if (depth + 1 >= MAX_CNAME_CHAIN) {
      why.push(`the CNAME chain is longer than ${MAX_CNAME_CHAIN}: CoreDNS stops following it`);
      continue;
    }
    const cname: DnsRecord = { name: absolute(qname), type: 'CNAME', ttl, data: absolute(backend.host), simulated: false };
    if (isInZone(target, zone)) {
      const next = addressAnswer(kube, backend.host, qtype, depth + 1);
      why.push(`${target} is inside the cluster zone, so CoreDNS resolves it itself:`, ...next.why.map((line) => `  ${line}`));
      if (next.rcode === 'NOERROR' && next.answers.length > 0) answers.push(cname, ...next.answers);
      else why.push(`the CNAME target has no ${qtype} record, so CoreDNS leaves the CNAME out too`);
      upstream ||= next.upstream;
    } else {
      const next = kube.external(backend.host, qtype, `${target} is outside the cluster zone: CoreDNS looks it up through its own server chain`);
      why.push(...next.why);
      answers.push(cname, ...next.answers);
      upstream = true;
    }
  }
  if (answers.length === 0 && !lookup.backends.some((backend) => !parseIp(backend.host))) why.push(`no ${qtype} record at the name: NOERROR without answers (NODATA)`);
  return zoneAnswer(answers.length ? 'NOERROR' : 'NODATA', why, answers, { upstream });
}

function srvAnswer(kube: Kube, qname: string): ZoneAnswer {
  const lookup = lookupRecords(kube, normalizeName(qname));
  if (lookup.nameError) return zoneAnswer('NXDOMAIN', lookup.why);
  const why = [...lookup.why];
  // "SRV for external services is not yet implemented": CNAME items are dropped
  const internal = lookup.backends.filter((backend) => parseIp(backend.host));
  if (internal.length < lookup.backends.length) why.push('CoreDNS does not serve SRV records for ExternalName Services');
  const weight = srvWeight(internal.length);
  const answers: DnsRecord[] = [];
  const additional: DnsRecord[] = [];
  const seen = new Set<string>();
  const ttl = kube.settings.dnsTtl;
  for (const backend of internal) {
    if (backend.port === -1) continue;
    const target = `${backend.owner}.`;
    if (!seen.has(`${target} ${backend.port}`)) answers.push({ name: absolute(qname), type: 'SRV', ttl, data: `0 ${weight} ${backend.port} ${target}`, simulated: false });
    seen.add(`${target} ${backend.port}`);
    const type = addressType(parseIp(backend.host)!.family);
    if (!seen.has(`${target} ${backend.host}`)) additional.push({ name: target, type, ttl, data: backend.host, simulated: backend.simulated });
    seen.add(`${target} ${backend.host}`);
  }
  if (answers.length === 0) why.push('no SRV record at the name: NOERROR without answers (NODATA)');
  return zoneAnswer(answers.length ? 'NOERROR' : 'NODATA', why, answers, { additional });
}

function cnameAnswer(kube: Kube, qname: string): ZoneAnswer {
  const lookup = lookupRecords(kube, normalizeName(qname));
  if (lookup.nameError) return zoneAnswer('NXDOMAIN', lookup.why);
  const first = lookup.backends[0];
  if (first && !parseIp(first.host)) {
    return zoneAnswer('NOERROR', lookup.why, [{ name: absolute(qname), type: 'CNAME', ttl: kube.settings.dnsTtl, data: absolute(first.host), simulated: false }]);
  }
  return zoneAnswer('NODATA', [...lookup.why, 'the name has addresses, not a CNAME: NODATA']);
}

function txtAnswer(kube: Kube, qname: string): ZoneAnswer {
  const name = normalizeName(qname);
  const zone = zoneOf(kube.settings);
  if (name === `dns-version.${zone}`) {
    return zoneAnswer('NOERROR', [`dns-version.${zone} carries the schema version of the kubernetes/dns specification (§2.2)`], [{ name: absolute(qname), type: 'TXT', ttl: DNS_VERSION_TTL, data: `"${DNS_SCHEMA_VERSION}"`, simulated: false }]);
  }
  const lookup = lookupRecords(kube, name);
  if (lookup.backends.length > 0) return zoneAnswer('NODATA', [...lookup.why, 'the name has records of other types but no TXT: NODATA']);
  return zoneAnswer('NXDOMAIN', [...lookup.why, `the only TXT record CoreDNS serves is dns-version.${zone}; a name without records of any type is NXDOMAIN`]);
}

/**
 * PTR: a cluster IP first (→ the Service), else every ready endpoint with that address, of any
 * Service (→ `<endpoint>.<service>`). Any other name or type in a reverse zone is NXDOMAIN from the
 * plugin; kubeadm's `fallthrough in-addr.arpa ip6.arpa` then sends it on to `forward`.
 */
function reverseAnswer(kube: Kube, qname: string, qtype: QueryType): ZoneAnswer {
  const { model } = kube;
  const address = ipFromReverseName(qname);
  if (!address || qtype !== 'PTR') return zoneAnswer('NXDOMAIN', [`${address ? `the kubernetes plugin${kube.cite('kubernetes')} serves only PTR records in the reverse zones` : `${normalizeName(qname)} is not a complete reverse name the kubernetes plugin${kube.cite('kubernetes')} knows`}: NXDOMAIN from the plugin`]);
  const zone = zoneOf(kube.settings);
  const ttl = kube.settings.dnsTtl;
  const ip = canonicalIp(address.ip);
  const owners = addressIndex(model).get(ip) ?? { endpoints: [] };
  if (owners.clusterIp) {
    const { service, simulated } = owners.clusterIp;
    return zoneAnswer('NOERROR', [`${ip} is the cluster IP of Service ${service.namespace}/${service.name}${simulated ? ' (simulated)' : ''}`], [{ name: absolute(qname), type: 'PTR', ttl, data: `${serviceFqdn(service.name, service.namespace, zone)}.`, simulated }]);
  }
  const answers: DnsRecord[] = [];
  const why: string[] = [];
  for (const { service, endpoint } of owners.endpoints) {
    const target = `${endpointName(endpoint, kube.settings)}.${serviceFqdn(service.name, service.namespace, zone)}.`;
    answers.push({ name: absolute(qname), type: 'PTR', ttl, data: target, simulated: endpoint.simulated });
    why.push(`${ip} is a ready endpoint of ${service.headless ? 'headless ' : ''}Service ${service.namespace}/${service.name}${endpoint.pod ? ` (Pod ${endpoint.pod.name})` : ''}`);
  }
  if (answers.length) return zoneAnswer('NOERROR', why, answers);
  return zoneAnswer('NXDOMAIN', [`no Service has ${ip} as cluster IP or ready endpoint: NXDOMAIN from the kubernetes plugin${kube.cite('kubernetes')}`]);
}

interface AddressOwners {
  /** The first Service with this cluster IP (CoreDNS answers with it alone). */
  clusterIp?: { readonly service: ServiceView; readonly simulated: boolean };
  /** One ready endpoint per Service that has this address. */
  readonly endpoints: { readonly service: ServiceView; readonly endpoint: ServiceEndpoint }[];
}

/** Who owns each address, indexed once per model generation: PTR questions come in bulk. */
const addressIndexes = new WeakMap<ClusterModel, { generation: number; index: Map<string, AddressOwners> }>();

function addressIndex(model: ClusterModel): Map<string, AddressOwners> {
  const cached = addressIndexes.get(model);
  if (cached && cached.generation === model.generation) return cached.index;
  const index = new Map<string, AddressOwners>();
  const owners = (ip: string): AddressOwners => {
    const key = canonicalIp(ip);
    let entry = index.get(key);
    if (!entry) index.set(key, (entry = { endpoints: [] }));
    return entry;
  };
  const services = uniqueServices(model);
  for (const service of services) for (const clusterIp of service.clusterIPs) owners(clusterIp.ip).clusterIp ??= { service, simulated: clusterIp.simulated };
  for (const service of services) {
    if (service.type === 'ExternalName') continue;
    const seen = new Set<AddressOwners>();
    for (const endpoint of model.backendsOf(service).endpoints) {
      if (!endpoint.ready) continue;
      const entry = owners(endpoint.ip);
      if (!seen.has(entry)) entry.endpoints.push({ service, endpoint });
      seen.add(entry);
    }
  }
  addressIndexes.set(model, { generation: model.generation, index });
  return index;
}

/** CoreDNS `Records`: parse the name, check the namespace, then find Services or Pods. */
function lookupRecords(kube: Kube, name: string): Lookup {
  const { model } = kube;
  const zone = zoneOf(kube.settings);
  const labels = labelsBelow(name, zone);
  if (labels.length === 0) return { nameError: false, backends: [], why: [`${name} is the zone apex: it exists but has no address records`] };
  if (name === `ns.dns.${zone}`) return { nameError: false, backends: [{ host: clusterDnsIp(kube.settings), port: 0, owner: name, simulated: false }], why: [`ns.dns.${zone} is the name server CoreDNS puts in its SOA and NS records: the cluster DNS Service IP`] };
  const kind = labels[labels.length - 1];
  if (kind !== 'svc' && kind !== 'pod') return { nameError: true, backends: [], why: [`CoreDNS serves only <…>.svc.${zone} and <…>.pod.${zone} names; "${kind}" is neither`] };
  if (labels.length === 1) return { nameError: false, backends: [], why: [`${name} exists (it holds the namespaces) but has no records itself`] };
  const namespace = labels[labels.length - 2];
  if (!model.namespaceExists(namespace)) return { nameError: true, backends: [], why: [`namespace ${namespace} does not exist, so CoreDNS answers NXDOMAIN for every name in it`] };
  if (kube.namespaces && !kube.namespaces.includes(namespace)) return { nameError: true, backends: [], why: [`namespace ${namespace} is not among the namespaces the kubernetes plugin exposes (namespaces ${kube.namespaces.join(' ')}${kube.cite('namespaces')}): NXDOMAIN`] };
  const rest = labels.slice(0, -2).reverse();
  const request: Request = {
    kind, namespace,
    service: rest[0] ?? '',
    endpoint: rest.length === 2 ? rest[1] : '',
    port: rest.length === 3 ? rest[2].replace(/^_/, '') : '',
    protocol: rest.length === 3 ? rest[1].replace(/^_/, '') : '',
  };
  if (rest.length > 3) return { nameError: true, backends: [], why: [`${name} has more labels than any name CoreDNS serves ([endpoint.]service.namespace.${kind}.${zone} or _port._proto.service.namespace.${kind}.${zone})`] };
  if (kind === 'pod') return findPods(kube, request, zone);
  if (request.service === '') return { nameError: false, backends: [], why: [`namespace ${namespace} exists; ${name} itself has no records`] };
  if (rest.length === 3 && (!rest[2].startsWith('_') || !rest[1].startsWith('_'))) {
    // CoreDNS strips the underscores but does not insist on them; say so when they are missing
    return findServices(kube, request, zone, [`${rest[2]}.${rest[1]} is read as port "${request.port}" and protocol "${request.protocol}"`]);
  }
  return findServices(kube, request, zone, []);
}

function findServices(kube: Kube, request: Request, zone: string, why: string[]): Lookup {
  const { model } = kube;
  const service = findService(model, request.namespace, request.service);
  if (!service) {
    const reading = request.endpoint ? ` (the name reads as endpoint ${request.endpoint} of Service ${request.service})` : request.port ? ` (the name reads as port ${request.port} of Service ${request.service})` : '';
    return { nameError: true, backends: [], why: [...why, `no Service ${request.service} in namespace ${request.namespace}${otherNamespaces(model, request.service)}${reading}`] };
  }
  const fqdn = serviceFqdn(service.name, service.namespace, zone);
  const settings = kube.settings;
  const endpoints = model.backendsOf(service).endpoints;
  const ready = endpoints.filter((endpoint) => endpoint.ready);
  const label = `${service.headless ? 'headless ' : ''}Service ${service.namespace}/${service.name}${isBuiltIn(service) ? ' (built into every cluster, not declared in the manifests)' : ''}`;
  if (service.type === 'ExternalName') {
    if (request.endpoint || request.port || request.protocol) return { nameError: true, backends: [], why: [...why, `${label} is an ExternalName Service: it has no endpoint or port names (CoreDNS ≥ 1.10.1 answers NXDOMAIN)`] };
    const target = service.externalName?.trim() ?? '';
    if (!target) return { nameError: true, backends: [], why: [...why, `ExternalName Service ${service.namespace}/${service.name} has no externalName`] };
    if (looksLikeIp(target)) return { nameError: true, backends: [], why: [...why, `externalName "${target}" of Service ${service.namespace}/${service.name} is an IP address, not a name: CoreDNS does not serve it (NXDOMAIN)`] };
    return { nameError: false, backends: [{ host: target.replace(/\.$/, ''), port: 0, owner: fqdn, simulated: false }], why: [...why, `ExternalName Service ${service.namespace}/${service.name} is a CNAME to ${target.replace(/\.$/, '')}`] };
  }
  if (settings.ignoreEmptyService && !service.headless && ready.length === 0) {
    return { nameError: true, backends: [], why: [...why, `${label} has no ready endpoint and ignoreEmptyService (CoreDNS \`ignore empty_service\`${kube.cite('ignore')}) is on: NXDOMAIN`] };
  }
  if (service.headless || request.endpoint) {
    const backends: Backend[] = [];
    const names: string[] = [];
    for (const endpoint of ready) {
      const endpointLabel = endpointName(endpoint, settings);
      names.push(endpointLabel);
      if (request.endpoint && endpointLabel.toLowerCase() !== request.endpoint) continue;
      const owner = `${endpointLabel}.${fqdn}`;
      if (endpoint.ports.length === 0 && !request.port && !request.protocol) backends.push({ host: endpoint.ip, port: -1, owner, simulated: endpoint.simulated });
      for (const port of endpoint.ports) {
        if (matchPort(request, port.name, port.protocol)) backends.push({ host: endpoint.ip, port: port.port, owner, simulated: endpoint.simulated });
      }
    }
    const summary = `${label} has ${countOf(ready.length, 'ready endpoint')}${endpoints.length > ready.length ? ` (${endpoints.length - ready.length} not ready)` : ''}`;
    if (request.endpoint) {
      const matched = ready.filter((endpoint) => endpointName(endpoint, settings).toLowerCase() === request.endpoint);
      const lines = [...why, summary];
      if (!service.headless) lines.push(`CoreDNS answers endpoint names below a ClusterIP Service too (beyond the spec)`);
      if (matched.length) lines.push(...matched.map((endpoint) => describeEndpoint(endpoint, request.endpoint)));
      else lines.push(...explainMissingEndpoint(model, service, request.endpoint, names));
      if (matched.length && backends.length === 0) lines.push(`no port of the endpoint matches "_${request.port}._${request.protocol}"`);
      return { nameError: backends.length === 0, backends, why: lines };
    }
    const lines = [...why, summary];
    if (ready.length === 0) lines.push(`a headless Service with no ready endpoint has no records: NXDOMAIN (spec §2.4)`);
    else if (backends.length === 0) lines.push(`no endpoint port matches "_${request.port}._${request.protocol}"`);
    lines.push(...unknownSelectionNote(model, service, endpoints));
    return { nameError: backends.length === 0, backends, why: lines };
  }
  const backends: Backend[] = [];
  for (const port of service.ports) {
    if (!matchPort(request, port.name, port.protocol)) continue;
    for (const ip of service.clusterIPs) backends.push({ host: ip.ip, port: port.port ?? 0, owner: fqdn, simulated: ip.simulated });
  }
  const ips = service.clusterIPs.map((ip) => `${ip.ip}${ip.simulated ? ' (simulated)' : ''}`).join(', ');
  const lines = [...why, `${label} has cluster IP ${ips || 'none'} and ${countOf(ready.length, 'ready endpoint')}${ready.length === 0 ? '; CoreDNS answers with the cluster IP all the same' : ''}`];
  lines.push(...unknownSelectionNote(model, service, endpoints));
  if (service.ports.length === 0) lines.push(`${label} declares no ports, and CoreDNS publishes a ClusterIP Service per port: NXDOMAIN`);
  else if (backends.length === 0) lines.push(`no port of ${label} is named "${request.port}" with protocol "${request.protocol || 'any'}" (ports: ${service.ports.map((port) => `${port.name ?? '(unnamed)'}/${port.protocol}`).join(', ')})`);
  return { nameError: backends.length === 0, backends, why: lines };
}

/** Why a Service with a selector on a run-time value (pod-template-hash, controller-uid) has no endpoints in the model. */
function unknownSelectionNote(model: ClusterModel, service: ServiceView, endpoints: readonly ServiceEndpoint[]): string[] {
  const note = endpoints.length === 0 && service.selector ? describeUnknownSelection(model, service.namespace, service.selector) : undefined;
  return note ? [note] : [];
}

/** `pods insecure` answers any address-shaped name in an existing namespace; `verified` needs a Pod with that IP. */
function findPods(kube: Kube, request: Request, zone: string): Lookup {
  const { model } = kube;
  const mode = kube.settings.pods;
  if (mode === 'disabled') return { nameError: true, backends: [], why: [`CoreDNS \`pods disabled\`${kube.cite('pods')}: pod records are not served (NXDOMAIN)`] };
  if (request.service === '') return { nameError: false, backends: [], why: [`namespace ${request.namespace} exists; ${request.namespace}.pod.${zone} itself has no records`] };
  const ip = ipFromDashed(request.service);
  if (!ip) return { nameError: true, backends: [], why: [`"${request.service}" is not an address with dashes (like 10-244-1-5), so there is no pod record`] };
  const owner = `${request.service}.${request.namespace}.pod.${zone}`;
  // CoreDNS watches Pods that are not Succeeded, Failed or Unknown, indexed by their primary IP (status.podIP) only
  const pod = model.podsIn(request.namespace).find((candidate) => !TERMINAL_PHASES.has(candidate.phase ?? '') && candidate.ips[0] !== undefined && canonicalIp(candidate.ips[0].ip) === ip);
  if (mode === 'insecure') {
    return { nameError: false, backends: [{ host: ip, port: 0, owner, simulated: false }], why: [`CoreDNS \`pods insecure\`${kube.cite('pods')} answers ${ip} from the name itself, without checking for a Pod${pod ? ` (Pod ${pod.namespace}/${pod.name} has it${pod.ipSimulated ? ', simulated' : ''})` : ' (no Pod in the manifests has it)'}`] };
  }
  if (!pod) return { nameError: true, backends: [], why: [`CoreDNS \`pods verified\`${kube.cite('pods')}: no running Pod in namespace ${request.namespace} has ${ip} as its primary IP (status.podIP)`] };
  return { nameError: false, backends: [{ host: ip, port: 0, owner, simulated: pod.ipSimulated }], why: [`CoreDNS \`pods verified\`${kube.cite('pods')}: Pod ${pod.namespace}/${pod.name} has IP ${ip}${pod.ipSimulated ? ' (simulated)' : ''}`] };
}

const TERMINAL_PHASES = new Set(['Succeeded', 'Failed', 'Unknown']);

function matchPort(request: Request, name: string | undefined, protocol: string): boolean {
  return (request.port === '' || (name ?? '').toLowerCase() === request.port) && (request.protocol === '' || protocol.toLowerCase() === request.protocol);
}

function describeEndpoint(endpoint: ServiceEndpoint, label: string): string {
  const how = endpoint.hostname ? 'hostname' : ipFromDashed(label) ? 'address with dashes' : 'Pod name (endpointPodNames)';
  const details = [endpoint.pod ? `Pod ${endpoint.pod.name}` : '', endpoint.simulated ? 'simulated' : ''].filter(Boolean).join(', ');
  return `${label} is the ${how} of endpoint ${endpoint.ip}${details ? ` (${details})` : ''}`;
}

/** Why no endpoint carries that name: the usual hostname/subdomain mistakes. */
function explainMissingEndpoint(model: ClusterModel, service: ServiceView, label: string, names: readonly string[]): string[] {
  const known = [...new Set(names)];
  const listed = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
  const lines = [`no ready endpoint of Service ${service.namespace}/${service.name} is named ${label}${known.length ? ` (names: ${listed})` : ''}`];
  for (const pod of model.podsIn(service.namespace)) {
    if (pod.hostname.toLowerCase() !== label && pod.name.toLowerCase() !== label) continue;
    if (!pod.hostnameSet) lines.push(`Pod ${pod.name} sets no spec.hostname, so it has no hostname record`);
    else if (pod.subdomain !== service.name) lines.push(`${pod.name} has no hostname record under ${service.name}: its subdomain ${pod.subdomain ? `names Service ${pod.subdomain}, not ${service.name}` : 'is not set'}`);
    else if (!pod.ready) lines.push(`Pod ${pod.name} is not ready and the Service does not set publishNotReadyAddresses`);
    else if (!service.selector || !Object.entries(service.selector).every(([key, value]) => pod.labels[key] === value)) lines.push(`Service ${service.name} does not select Pod ${pod.name}`);
  }
  return lines;
}

function otherNamespaces(model: ClusterModel, name: string): string {
  // namespace by namespace: a workspace has far fewer namespaces than Services
  const elsewhere = model.namespaces().filter((namespace) => model.service(namespace, name));
  return elsewhere.length ? ` (there is one in ${elsewhere.join(', ')})` : '';
}

function uniqueServices(model: ClusterModel): ServiceView[] {
  return [...model.services().filter((service) => model.service(service.namespace, service.name) === service), ...builtInServices(model)];
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
