import { builtInServices, isBuiltIn } from '../dns/builtInServices';
import { resolveFrom, type Resolution } from '../dns/resolveFrom';
import type { ClusterModel } from '../model/clusterModel';
import { canonicalIp, parseIp } from '../model/ip';
import type { PodView } from '../model/podView';
import type { ServiceEndpoint } from '../model/serviceEndpoints';
import type { ServicePort, ServiceView } from '../model/serviceView';
import { ASSUMED_DNS_NOTE, clusterDnsPods, dnsReachability, type DnsReachability } from '../policy/clusterDns';
import { evaluateConnection, evaluateDirection, type ConnectionVerdict } from '../policy/evaluatePolicies';
import { addressEndpoint, podEndpoint, type PolicyEndpoint } from '../policy/policyEndpoint';
import { namedPortOf } from '../policy/policyMatch';
import type { ConnectTarget } from './connectTarget';

/** The first point on the path that fails, or `connected`. */
export type ConnectVerdict = 'connected' | 'dns-failed' | 'dns-blocked' | 'no-such-port' | 'no-endpoints' | 'egress-denied' | 'ingress-denied' | 'external';

/** One address the connection may land on, with the port after the Service's translation and what the policies say. */
export interface BackendResult {
  readonly destination: PolicyEndpoint;
  readonly pod?: PodView;
  readonly ip: string;
  readonly port?: number;
  readonly allowed: boolean;
  /** Undefined when the connection never reaches the policies (the target port does not resolve on this Pod). */
  readonly verdict?: ConnectionVerdict;
  readonly reason: string;
}

export interface ConnectionSimulation {
  readonly from: PodView;
  readonly target: ConnectTarget;
  readonly protocol: string;
  /** Undefined when no lookup was made (an address) or the resolver is not the cluster DNS. */
  readonly dnsReach?: DnsReachability;
  readonly resolution?: Resolution;
  /** The address the connection goes to. */
  readonly address?: string;
  readonly service?: { readonly view: ServiceView; readonly port?: ServicePort };
  readonly backends: readonly BackendResult[];
  readonly verdict: ConnectVerdict;
  /** Why, step by step. */
  readonly reasons: readonly string[];
}

/**
 * A connection from a Pod to HOST:PORT, step by step: may the Pod reach the cluster DNS (egress to
 * its Pods on UDP 53), what the name resolves to, the Service port and its ready endpoints with the
 * target port FindPort gives on each, then the NetworkPolicies of both ends, which see the Pod IP
 * and target port after the Service's translation.
 */
export function simulateConnection(model: ClusterModel, from: PodView, target: ConnectTarget, protocol = 'TCP'): ConnectionSimulation {
  return model.seenFrom(from.template.owner.file, () => simulate(model, from, target, protocol));
}

function simulate(model: ClusterModel, from: PodView, target: ConnectTarget, protocol: string): ConnectionSimulation {
  const reasons: string[] = [];
  const source = podEndpoint(from);
  const base = { from, target, protocol };
  const done = (verdict: ConnectVerdict, rest: Partial<ConnectionSimulation> = {}): ConnectionSimulation => ({ ...base, backends: [], ...rest, verdict, reasons });

  // step 1: DNS, unless the host is an address
  let address = parseIp(target.host) ? canonicalIp(target.host) : undefined;
  let resolution: Resolution | undefined;
  let dnsReach: DnsReachability | undefined;
  if (!address) {
    resolution = resolveFrom(model, { pod: from }, target.host, 'A');
    if (resolution.rcode === 'NODATA') {
      const v6 = resolveFrom(model, { pod: from }, target.host, 'AAAA');
      if (v6.rcode === 'NOERROR') resolution = v6;
    }
    if (resolution.clusterServer) {
      dnsReach = dnsReachability(model, source);
      if (dnsReach.assumed) reasons.push(ASSUMED_DNS_NOTE);
      const { udp, tcp } = dnsReach;
      if (dnsReach.blocked) {
        reasons.push(`DNS: ${from.namespace}/${from.name} cannot reach the cluster DNS on UDP 53 (${denial(udp.verdict)}): every lookup times out`);
        if (tcp.allowed) reasons.push('DNS: TCP 53 is allowed, but resolvers ask over UDP first and only retry over TCP for truncated answers');
        return done('dns-blocked', { dnsReach });
      }
      reasons.push(`DNS: UDP 53 to ${udp.destination.label}: ${allowance(udp.verdict)}`);
      if (!tcp.allowed) reasons.push(`DNS: TCP 53 is denied (${denial(tcp.verdict)}): answers too large for UDP (truncated) fail`);
    } else {
      reasons.push(`DNS: the Pod's nameserver ${resolution.server} is not the cluster DNS; NetworkPolicy towards it is not evaluated`);
    }
    if (resolution.rcode === 'UPSTREAM') {
      reasons.push(`${target.host} is outside the cluster zone: forwarded upstream, which kube-lookup does not simulate`);
      return done('external', { dnsReach, resolution });
    }
    const answer = resolution.answers.find((record) => record.type === 'A' || record.type === 'AAAA');
    const alias = resolution.answers.find((record) => record.type === 'CNAME');
    if (resolution.rcode === 'NOERROR' && !answer && alias) {
      // an ExternalName Service: the name is an alias of a host outside the cluster
      reasons.push(`${target.host} is an alias (CNAME) of ${alias.data}, outside the cluster: the connection leaves the cluster, which kube-lookup does not simulate further`);
      return done('external', { dnsReach, resolution });
    }
    if (resolution.rcode !== 'NOERROR' || !answer) {
      reasons.push(`${target.host} does not resolve from ${from.namespace}/${from.name}: ${resolution.rcode === 'NOERROR' ? 'no address' : resolution.rcode} (${resolution.tried.map((tried) => `${tried.name} ${tried.rcode}`).join(', ')})`);
      return done('dns-failed', { dnsReach, resolution });
    }
    address = canonicalIp(answer.data);
    const cname = resolution.answers.find((record) => record.type === 'CNAME');
    const asked = resolution.tried[resolution.tried.length - 1]?.name;
    reasons.push(`${target.host} resolves to ${address}${answer.simulated ? ' (simulated)' : ''}${asked ? ` as ${asked}` : ''}${cname ? ` through CNAME ${cname.data}` : ''} (${resolution.tried.length} name${resolution.tried.length === 1 ? '' : 's'} tried)`);
  }
  const rest = { dnsReach, resolution, address };

  // step 2: what the address is — a Service's cluster IP, a Pod, or outside the cluster
  const service = [...model.services(), ...builtInServices(model)].find((candidate) => candidate.type !== 'ExternalName' && !candidate.headless && candidate.clusterIPs.some((assigned) => canonicalIp(assigned.ip) === address));
  if (service) return throughService(model, source, service, target, protocol, reasons, (verdict, extra) => done(verdict, { ...rest, ...extra }));
  const pod = model.pods().find((candidate) => candidate.ips.some((assigned) => canonicalIp(assigned.ip) === address));
  if (pod) return toPod(model, source, pod, address, target, protocol, reasons, (verdict, extra) => done(verdict, { ...rest, ...extra }));
  // an address outside every Service and Pod: only the source's egress (ipBlock) can be judged
  if (typeof target.port === 'number') {
    const egress = evaluateDirection(model, { source, destination: addressEndpoint(address), port: target.port, protocol }, 'egress');
    if (!egress.allowed) {
      reasons.push(`egress: ${egress.reason}`);
      return done('egress-denied', rest);
    }
    reasons.push(`egress: ${egress.reason}`);
  }
  reasons.push(`${address} is neither a Service nor a Pod of the manifests: the connection leaves the cluster, which kube-lookup does not simulate further`);
  return done('external', rest);
}

type Finish = (verdict: ConnectVerdict, extra?: Partial<ConnectionSimulation>) => ConnectionSimulation;

/**
 * A connection from a Pod to a Service it already knows (a configured host looked up without
 * addresses): the Service port, its ready endpoints and the NetworkPolicies of both ends, as in
 * simulateConnection's second step. The Pod's DNS is not judged (network-policy-blocks-dns is).
 */
export function connectThroughService(model: ClusterModel, from: PodView, service: ServiceView, target: ConnectTarget, protocol = 'TCP'): ConnectionSimulation {
  return model.seenFrom(from.template.owner.file, () => {
    const reasons: string[] = [];
    const base = { from, target, protocol };
    return throughService(model, podEndpoint(from), service, target, protocol, reasons, (verdict, extra = {}) => ({ ...base, backends: [], ...extra, verdict, reasons }));
  });
}

function throughService(model: ClusterModel, source: PolicyEndpoint, service: ServiceView, target: ConnectTarget, protocol: string, reasons: string[], finish: Finish): ConnectionSimulation {
  const name = `Service ${service.namespace}/${service.name}`;
  if (isBuiltIn(service) && service.name === 'kubernetes') {
    reasons.push(`${name} is the API server, whose endpoints are the control plane's addresses outside the Pod network: kube-lookup does not simulate them`);
    return finish('external', { service: { view: service } });
  }
  const port = service.ports.find((candidate) => (typeof target.port === 'number' ? candidate.port === target.port : candidate.name === target.port) && candidate.protocol === protocol);
  if (!port) {
    const offered = service.ports.map((candidate) => `${candidate.name ? `${candidate.name} ` : ''}${candidate.port}/${candidate.protocol}`).join(', ');
    reasons.push(`${name} has no port ${typeof target.port === 'number' ? target.port : `named "${target.port}"`}/${protocol} (its ports: ${offered || 'none'})`);
    return finish('no-such-port', { service: { view: service } });
  }
  const typeNote = service.type === 'NodePort' || service.type === 'LoadBalancer' ? `, a ${service.type} Service reached at its cluster IP from inside the cluster` : '';
  reasons.push(`${name} port ${port.name ? `"${port.name}" ` : ''}${port.port}/${port.protocol} → targetPort ${port.targetPort ?? port.port}${typeNote}`);
  const spec = service.spec as Record<string, unknown>;
  if (spec.sessionAffinity === 'ClientIP') reasons.push(`sessionAffinity ClientIP: kube-proxy sends every connection of ${source.label} to the same endpoint`);
  const ready = serviceEndpoints(model, service).filter(({ endpoint }) => endpoint.ready);
  if (ready.length === 0) {
    reasons.push(`${name} has no ready endpoints: the connection is refused`);
    return finish('no-endpoints', { service: { view: service, port } });
  }
  const localOnly = spec.internalTrafficPolicy === 'Local';
  const backends: BackendResult[] = [];
  for (const { endpoint, destination } of ready) {
    const unresolved = endpoint.unresolvedPorts.find((entry) => entry.portIndex === port.index);
    const resolved = endpoint.ports.find((candidate) => candidate.name === port.name && candidate.protocol === port.protocol);
    if (unresolved || !resolved) {
      backends.push({ destination, pod: endpoint.pod, ip: endpoint.ip, allowed: false, reason: unresolved?.reason ?? `the endpoint has no port ${port.name ?? port.port}` });
      continue;
    }
    if (localOnly && endpoint.nodeName !== undefined && endpoint.nodeName !== source.pod?.nodeName) {
      backends.push({ destination, pod: endpoint.pod, ip: endpoint.ip, port: resolved.port, allowed: false, reason: `internalTrafficPolicy Local: kube-proxy picks only endpoints on ${source.pod?.nodeName}, the client's node` });
      continue;
    }
    backends.push(judge(model, source, destination, endpoint.pod, endpoint.ip, resolved.port, protocol));
  }
  reasons.push(`${name} has ${ready.length} ready endpoint${ready.length === 1 ? '' : 's'}`);
  return conclude(backends, reasons, (verdict) => finish(verdict, { service: { view: service, port }, backends }));
}

function toPod(model: ClusterModel, source: PolicyEndpoint, pod: PodView, address: string, target: ConnectTarget, protocol: string, reasons: string[], finish: Finish): ConnectionSimulation {
  const destination = podEndpoint(pod);
  reasons.push(`${address} is Pod ${pod.namespace}/${pod.name}: no Service translates the connection (headless)`);
  let port: number | undefined;
  const declared = destination.pod!.containers.flatMap((container) => container.ports ?? []);
  if (typeof target.port === 'string') {
    port = namedPortOf(destination, target.port, protocol);
    if (port === undefined) {
      reasons.push(`Pod ${pod.namespace}/${pod.name} has no container port named "${target.port}" with protocol ${protocol}`);
      return finish('no-such-port');
    }
  } else {
    port = target.port;
    if (declared.length > 0 && !declared.some((entry) => entry.containerPort === port && (entry.protocol ?? 'TCP') === protocol)) {
      reasons.push(`Pod ${pod.namespace}/${pod.name} declares no container port ${port}/${protocol} (it declares ${declared.map((entry) => `${entry.containerPort}/${entry.protocol ?? 'TCP'}`).join(', ')})`);
      return finish('no-such-port');
    }
  }
  const backends = [judge(model, source, destination, pod, address, port, protocol)];
  return conclude(backends, reasons, (verdict) => finish(verdict, { backends }));
}

function judge(model: ClusterModel, source: PolicyEndpoint, destination: PolicyEndpoint, pod: PodView | undefined, ip: string, port: number, protocol: string): BackendResult {
  const verdict = evaluateConnection(model, { source, destination, port, protocol });
  const reason = verdict.allowed ? `egress: ${verdict.egress.reason}; ingress: ${verdict.ingress.reason}` : (verdict.egress.allowed ? verdict.ingress : verdict.egress).reason;
  return { destination, pod, ip, port, allowed: verdict.allowed, verdict, reason };
}

/** Connected when any backend is; otherwise the first step at which the backends fail. */
function conclude(backends: readonly BackendResult[], reasons: string[], finish: (verdict: ConnectVerdict) => ConnectionSimulation): ConnectionSimulation {
  const reachable = backends.filter((backend) => backend.allowed).length;
  reasons.push(`${reachable} of ${backends.length} backend${backends.length === 1 ? '' : 's'} reachable${reachable > 0 && reachable < backends.length ? ': kube-proxy may still pick the unreachable ones, and those connections fail' : ''}`);
  if (reachable > 0) return finish('connected');
  const judged = backends.filter((backend) => backend.verdict);
  if (judged.length === 0) return finish('no-endpoints');
  return finish(judged.every((backend) => !backend.verdict!.egress.allowed) ? 'egress-denied' : 'ingress-denied');
}

/** The Service's endpoints with the end each one is to the policies; the built-in kube-dns Service without declared Pods leads to kubeadm's assumed CoreDNS. */
function serviceEndpoints(model: ClusterModel, service: ServiceView): { endpoint: ServiceEndpoint; destination: PolicyEndpoint }[] {
  const withDestination = (endpoint: ServiceEndpoint) => ({ endpoint, destination: endpoint.pod ? podEndpoint(endpoint.pod) : podByIp(model, endpoint.ip) ?? addressEndpoint(endpoint.ip) });
  if (!isBuiltIn(service)) return model.backendsOf(service).endpoints.map(withDestination);
  if (service.name !== 'kube-dns') return [];
  const dns = clusterDnsPods(model);
  if (!dns.assumed) return model.backendsOf(service).endpoints.map(withDestination);
  // the assumed Pod has no address: its endpoint stands for every CoreDNS replica
  return dns.pods.map((destination) => ({
    destination,
    endpoint: {
      ip: 'unknown', family: 'IPv4', ready: true, source: service.object, simulated: true, unresolvedPorts: [],
      ports: service.ports.map((port) => ({ name: port.name, port: Number(port.targetPort ?? port.port), protocol: port.protocol })),
    },
  }));
}

function podByIp(model: ClusterModel, ip: string): PolicyEndpoint | undefined {
  const pod = model.pods().find((candidate) => candidate.ips.some((assigned) => canonicalIp(assigned.ip) === canonicalIp(ip)));
  return pod ? podEndpoint(pod) : undefined;
}

function allowance(verdict: ConnectionVerdict): string {
  return `egress: ${verdict.egress.reason}; ingress: ${verdict.ingress.reason}`;
}

function denial(verdict: ConnectionVerdict): string {
  return (verdict.egress.allowed ? verdict.ingress : verdict.egress).reason;
}
