import { parseIp } from './ip';
import type { ManifestObject } from './manifestObject';
import type { ServiceSpec } from './schemas/service';
import { isHeadless, readServiceSpec, serviceType, type AssignedIp, type ServicePort, type ServiceView } from './serviceView';

/** Cluster IPs and node ports given out over the whole cluster, to the Services that do not declare them. */
export interface ServiceAllocation {
  readonly clusterIPs: Map<ServiceView, AssignedIp[]>;
  readonly nodePorts: Map<ServiceView, Map<number, number | undefined>>;
}

/**
 * A Service of the workspace after defaulting. What it does not declare depends on every other
 * Service, so it is asked of `allocation` only when read. A class rather than an object literal
 * with getters: V8 keeps such literals as dictionaries, several times larger.
 */
export class ModelledService implements ServiceView {
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly headless: boolean;
  readonly selector: Readonly<Record<string, string>> | undefined;
  readonly ports: readonly ServicePort[];
  readonly externalName: string | undefined;
  readonly publishNotReadyAddresses: boolean;
  readonly spec: ServiceSpec;
  readonly #declaredIPs: AssignedIp[];
  readonly #allocates: boolean;
  readonly #allocation: () => ServiceAllocation;

  constructor(readonly object: ManifestObject, allocation: () => ServiceAllocation) {
    const spec = readServiceSpec(object);
    const type = serviceType(spec);
    const headless = isHeadless(spec);
    this.name = object.name;
    this.namespace = object.namespace;
    this.type = type;
    this.headless = headless;
    this.selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
    this.ports = (spec.ports ?? []).map((port): ServicePort => {
      const protocol = port.protocol ?? 'TCP';
      const targetPort = port.targetPort ?? port.port;
      const wantsNodePort = (type === 'NodePort' || type === 'LoadBalancer') && port.nodePort === undefined;
      if (!wantsNodePort) return { index: port.index, name: port.name, protocol, port: port.port, targetPort, nodePort: port.nodePort, nodePortSimulated: false };
      const allocated = (): number | undefined => allocation().nodePorts.get(this)?.get(port.index);
      return {
        index: port.index, name: port.name, protocol, port: port.port, targetPort,
        get nodePort() {
          return allocated();
        },
        get nodePortSimulated() {
          return allocated() !== undefined;
        },
      };
    });
    this.externalName = spec.externalName;
    this.publishNotReadyAddresses = spec.publishNotReadyAddresses ?? false;
    this.spec = spec;
    this.#declaredIPs = type !== 'ExternalName' && !headless ? declaredClusterIPs(spec) : [];
    // the API server allocates what is not declared: every IP, or a dual-stack Service's second family
    this.#allocates = type !== 'ExternalName' && !headless && (this.#declaredIPs.length === 0 || isDualStack(spec.ipFamilyPolicy));
    this.#allocation = allocation;
  }

  get clusterIPs(): readonly AssignedIp[] {
    return this.#allocates ? (this.#allocation().clusterIPs.get(this) ?? this.#declaredIPs) : this.#declaredIPs;
  }

  /** Whether the cluster gives this Service cluster IPs it does not declare. */
  allocatesClusterIPs(): boolean {
    return this.#allocates;
  }
}

/** The cluster IPs a Service writes itself (`clusterIPs`, else `clusterIP`), the valid ones. */
export function declaredClusterIPs(spec: ServiceSpec): AssignedIp[] {
  const declared: AssignedIp[] = [];
  for (const ip of (spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : []).filter((ip) => ip !== '')) {
    const parsed = parseIp(ip);
    if (parsed) declared.push({ ip, family: parsed.family, simulated: false });
  }
  return declared;
}

function isDualStack(policy: string | undefined): boolean {
  return policy === 'PreferDualStack' || policy === 'RequireDualStack';
}
