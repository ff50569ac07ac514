import { defaultSettings, type AnalysisSettings } from '../settings';
import { defaultParseLimits, parseManifestFile, type ParsedFile } from '../yaml/parseManifestFile';
import type { ParseIssue } from '../yaml/parseIssue';
import { SourceLocator } from '../yaml/sourceLocator';
import { extractObjects } from './extractObjects';
import { parseCidr, parseIp, type Cidr, type IpFamily } from './ip';
import { IpAllocator } from './ipAllocator';
import { matchesLabels } from './labelSelector';
import { objectKey, type ManifestObject } from './manifestObject';
import { computeBackends } from './computeBackends';
import { expandPods } from './expandPods';
import { endpointSliceSchema, endpointsSchema } from './schemas/endpoints';
import type { PodView } from './podView';
import type { ServiceBackends } from './serviceEndpoints';
import { isHeadless, readServiceSpec, serviceType, type AssignedIp, type ServicePort, type ServiceView } from './serviceView';

/** A file as the model holds it: its text (for spans on demand), its objects and its parse issues. */
export interface ManifestFile {
  readonly file: string;
  readonly text: string;
  readonly objects: readonly ManifestObject[];
  readonly issues: readonly ParseIssue[];
  readonly locator: SourceLocator;
}

/** Everything derived from all files at once; rebuilt lazily, at most once per generation. */
interface Derived {
  readonly byKey: Map<string, ManifestObject[]>;
  readonly byKind: Map<string, ManifestObject[]>;
  readonly namespaces: Set<string>;
  readonly services: ServiceView[];
  readonly servicesByKey: Map<string, ServiceView>;
  readonly servicesByNamespace: Map<string, ServiceView[]>;
  readonly pods: PodView[];
  readonly podsByNamespace: Map<string, PodView[]>;
  /** Pods by one `key\0value` label pair: a selector starts from its rarest pair, not every Pod. */
  readonly podsByLabel: Map<string, PodView[]>;
  readonly backends: Map<ServiceView, ServiceBackends>;
}

/**
 * The cluster the workspace describes. Files are added, replaced and removed one at a time (each
 * change parses that file only); every index over the whole cluster is derived on first use.
 */
export class ClusterModel {
  private readonly fileMap = new Map<string, ManifestFile>();
  private derived: Derived | undefined;
  private generationCounter = 0;

  constructor(readonly settings: AnalysisSettings = defaultSettings) {}

  get generation(): number {
    return this.generationCounter;
  }

  setFile(file: string, text: string): ManifestFile {
    const parsed: ParsedFile = parseManifestFile(text, { ...defaultParseLimits, maxFileSize: this.settings.maxFileSize, maxDocuments: this.settings.maxDocuments, maxNestingDepth: this.settings.maxNestingDepth });
    const entry: ManifestFile = { file, text, objects: extractObjects(file, parsed.documents), issues: parsed.issues, locator: new SourceLocator(text) };
    this.fileMap.set(file, entry);
    this.invalidate();
    return entry;
  }

  removeFile(file: string): boolean {
    const removed = this.fileMap.delete(file);
    if (removed) this.invalidate();
    return removed;
  }

  file(file: string): ManifestFile | undefined {
    return this.fileMap.get(file);
  }

  files(): IterableIterator<ManifestFile> {
    return this.fileMap.values();
  }

  *objects(): IterableIterator<ManifestObject> {
    for (const entry of this.fileMap.values()) yield* entry.objects;
  }

  objectsOfKind(kind: string): readonly ManifestObject[] {
    return this.view().byKind.get(kind) ?? [];
  }

  /** Every object of that identity: more than one means it is defined twice. */
  objectsNamed(kind: string, namespace: string, name: string): readonly ManifestObject[] {
    return this.view().byKey.get(objectKey(kind, namespace, name)) ?? [];
  }

  /** Namespaces that exist: declared, used by an object, or always present in a cluster. */
  namespaceExists(namespace: string): boolean {
    return this.view().namespaces.has(namespace);
  }

  namespaces(): readonly string[] {
    return [...this.view().namespaces].sort();
  }

  services(): readonly ServiceView[] {
    return this.view().services;
  }

  service(namespace: string, name: string): ServiceView | undefined {
    return this.view().servicesByKey.get(`${namespace}/${name}`);
  }

  serviceOf(object: ManifestObject): ServiceView | undefined {
    const service = this.service(object.namespace, object.name);
    return service?.object === object ? service : undefined;
  }

  servicesIn(namespace: string): readonly ServiceView[] {
    return this.view().servicesByNamespace.get(namespace) ?? [];
  }

  pods(): readonly PodView[] {
    return this.view().pods;
  }

  podsIn(namespace: string): readonly PodView[] {
    return this.view().podsByNamespace.get(namespace) ?? [];
  }

  podsOf(owner: ManifestObject): readonly PodView[] {
    return this.podsIn(owner.namespace).filter((pod) => pod.template.owner === owner);
  }

  /** Pods of the namespace whose labels carry every key=value of the selector. */
  podsSelectedBy(namespace: string, selector: Readonly<Record<string, string>>): readonly PodView[] {
    return this.selectFrom(this.podsIn(namespace), selector).filter((pod) => pod.namespace === namespace);
  }

  /** Pods of every namespace whose labels carry every key=value of the selector. */
  podsMatching(selector: Readonly<Record<string, string>>): readonly PodView[] {
    return this.selectFrom(this.view().pods, selector);
  }

  /** Filters the fewest candidates: the given Pods or those with the selector's rarest label pair. */
  private selectFrom(pods: readonly PodView[], selector: Readonly<Record<string, string>>): PodView[] {
    const { podsByLabel } = this.view();
    let candidates = pods;
    for (const [key, value] of Object.entries(selector)) {
      const bucket = podsByLabel.get(`${key}\u0000${value}`) ?? [];
      if (bucket.length < candidates.length) candidates = bucket;
    }
    return candidates.filter((pod) => matchesLabels(pod.labels, selector));
  }

  backendsOf(service: ServiceView): ServiceBackends {
    const cache = this.view().backends;
    let backends = cache.get(service);
    if (!backends) {
      backends = computeBackends(this, service);
      cache.set(service, backends);
    }
    return backends;
  }

  private invalidate(): void {
    this.generationCounter += 1;
    this.derived = undefined;
  }

  private view(): Derived {
    this.derived ??= this.derive();
    return this.derived;
  }

  private derive(): Derived {
    const byKey = new Map<string, ManifestObject[]>();
    const byKind = new Map<string, ManifestObject[]>();
    const namespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
    // files in path order, not the order they were opened in: which of two same-named objects
    // wins, and which IPs are allocated, must not depend on the editor's history
    const files = [...this.fileMap.values()].sort((a, b) => compareKeys(a.file, b.file));
    for (const object of files.flatMap((entry) => entry.objects)) {
      push(byKey, objectKey(object.kind, object.namespace, object.name), object);
      push(byKind, object.kind, object);
      if (object.namespace) namespaces.add(object.namespace);
      if (object.kind === 'Namespace' && object.name) namespaces.add(object.name);
    }
    const services = this.buildServices(byKind.get('Service') ?? []);
    const servicesByKey = new Map<string, ServiceView>();
    for (const service of services) if (!servicesByKey.has(`${service.namespace}/${service.name}`)) servicesByKey.set(`${service.namespace}/${service.name}`, service);
    const servicesByNamespace = new Map<string, ServiceView[]>();
    for (const service of services) push(servicesByNamespace, service.namespace, service);
    const pods = expandPods(byKind, this.settings, this.podAllocators(byKind));
    const podsByNamespace = new Map<string, PodView[]>();
    for (const pod of pods) push(podsByNamespace, pod.namespace, pod);
    const podsByLabel = new Map<string, PodView[]>();
    for (const pod of pods) for (const [key, value] of Object.entries(pod.labels)) push(podsByLabel, `${key}\u0000${value}`, pod);
    return { byKey, byKind, namespaces, services, servicesByKey, servicesByNamespace, pods, podsByNamespace, podsByLabel, backends: new Map() };
  }

  private podAllocators(byKind: Map<string, ManifestObject[]>): Map<IpFamily, IpAllocator> {
    const allocators = new Map<IpFamily, IpAllocator>();
    for (const cidr of cidrList(this.settings.podCIDR)) allocators.set(cidr.family, new IpAllocator(cidr, [0, 1]));
    for (const pod of byKind.get('Pod') ?? []) {
      const status = pod.body?.status as { podIP?: unknown; podIPs?: { ip?: unknown }[] } | undefined;
      for (const ip of [status?.podIP, ...(Array.isArray(status?.podIPs) ? status.podIPs.map((entry) => entry?.ip) : [])]) {
        if (typeof ip === 'string') for (const allocator of allocators.values()) allocator.reserve(ip);
      }
    }
    // addresses written in Endpoints and EndpointSlices belong to some Pod: a simulated Pod must not take them
    const reserve = (ip: string | undefined): void => {
      if (ip) for (const allocator of allocators.values()) allocator.reserve(ip);
    };
    for (const object of byKind.get('Endpoints') ?? []) {
      for (const subset of endpointsSchema.safeParse(object.body ?? {}).data?.subsets ?? []) {
        for (const address of [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])]) reserve(address.ip);
      }
    }
    for (const object of byKind.get('EndpointSlice') ?? []) {
      for (const endpoint of endpointSliceSchema.safeParse(object.body ?? {}).data?.endpoints ?? []) for (const ip of endpoint.addresses ?? []) reserve(ip);
    }
    return allocators;
  }

  private buildServices(objects: readonly ManifestObject[]): ServiceView[] {
    const cidrs = cidrList(this.settings.serviceCIDR);
    const allocators = new Map<IpFamily, IpAllocator>();
    // offset 1 is the `kubernetes` Service, offset 10 the cluster DNS Service, as kubeadm allocates them
    for (const cidr of cidrs) allocators.set(cidr.family, new IpAllocator(cidr, [0, 1, 10]));
    const specs = objects.map((object) => ({ object, spec: readServiceSpec(object) }));
    for (const { spec } of specs) for (const ip of [spec.clusterIP, ...(spec.clusterIPs ?? [])]) if (ip) for (const allocator of allocators.values()) allocator.reserve(ip);
    const nodePorts = new NodePortAllocator(this.settings.nodePortRange);
    for (const { spec } of specs) for (const port of spec.ports ?? []) if (port.nodePort) nodePorts.reserve(port.nodePort);
    const sorted = [...specs].sort((a, b) => compareKeys(`${a.object.namespace}/${a.object.name}`, `${b.object.namespace}/${b.object.name}`));
    const views = new Map<ManifestObject, ServiceView>();
    for (const { object, spec } of sorted) {
      const type = serviceType(spec);
      const headless = isHeadless(spec);
      const key = `${object.namespace}/${object.name}`;
      const clusterIPs: AssignedIp[] = [];
      if (type !== 'ExternalName' && !headless) {
        const declared = (spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : []).filter((ip) => ip !== '');
        for (const ip of declared) {
          const parsed = parseIp(ip);
          if (parsed) clusterIPs.push({ ip, family: parsed.family, simulated: false });
        }
        // the API server allocates what is not declared: every IP, or a dual-stack Service's second family
        const dualStack = spec.ipFamilyPolicy === 'PreferDualStack' || spec.ipFamilyPolicy === 'RequireDualStack';
        if (clusterIPs.length === 0 || dualStack) {
          for (const family of requestedFamilies(spec.ipFamilies, spec.ipFamilyPolicy, cidrs)) {
            if (clusterIPs.some((assigned) => assigned.family === family)) continue;
            const ip = allocators.get(family)?.allocate(key);
            if (ip) clusterIPs.push({ ip, family, simulated: true });
          }
        }
      }
      const ports: ServicePort[] = (spec.ports ?? []).map((port) => {
        const wantsNodePort = (type === 'NodePort' || type === 'LoadBalancer') && port.nodePort === undefined;
        const nodePort = port.nodePort ?? (wantsNodePort ? nodePorts.allocate(`${key}/${port.index}`) : undefined);
        return {
          index: port.index,
          name: port.name,
          protocol: port.protocol ?? 'TCP',
          port: port.port,
          targetPort: port.targetPort ?? port.port,
          nodePort,
          nodePortSimulated: wantsNodePort && nodePort !== undefined,
        };
      });
      const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
      views.set(object, {
        object, name: object.name, namespace: object.namespace, type, headless, clusterIPs, selector, ports,
        externalName: spec.externalName, publishNotReadyAddresses: spec.publishNotReadyAddresses ?? false, spec,
      });
    }
    return objects.map((object) => views.get(object)!);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function cidrList(text: string): Cidr[] {
  return text.split(',').map((part) => parseCidr(part)).filter((cidr): cidr is Cidr => cidr !== undefined);
}

/** The IP families a Service asks for, as the API server defaults them, among the cluster's service CIDR families. */
export function requestedFamilies(ipFamilies: readonly string[] | undefined, policy: string | undefined, cidrs: readonly Cidr[]): IpFamily[] {
  const available = cidrs.map((cidr) => cidr.family);
  const asked = (ipFamilies ?? []).filter((family): family is IpFamily => family === 'IPv4' || family === 'IPv6');
  const primary = asked[0] ?? available[0] ?? 'IPv4';
  const families: IpFamily[] = [primary];
  if (policy === 'PreferDualStack' || policy === 'RequireDualStack') {
    const secondary = asked[1] ?? available.find((family) => family !== primary);
    if (secondary && secondary !== primary) families.push(secondary);
  }
  return families.filter((family) => available.includes(family));
}

class NodePortAllocator {
  private readonly taken = new Set<number>();
  private readonly low: number;
  private readonly high: number;

  constructor(range: string) {
    const [low, high] = range.split('-').map(Number);
    this.low = low;
    this.high = Math.max(low, high);
  }

  reserve(port: number): void {
    this.taken.add(port);
  }

  allocate(key: string): number | undefined {
    const size = this.high - this.low + 1;
    let h = 2166136261;
    for (let index = 0; index < key.length; index++) h = Math.imul(h ^ key.charCodeAt(index), 16777619) >>> 0;
    for (let tries = 0; tries < size; tries++) {
      const port = this.low + ((h + tries) % size);
      if (!this.taken.has(port)) {
        this.taken.add(port);
        return port;
      }
    }
    return undefined;
  }
}
