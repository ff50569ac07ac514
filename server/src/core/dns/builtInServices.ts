import type { ClusterModel } from '../model/clusterModel';
import { cidrList } from '../model/clusterModel';
import { ipInCidr } from '../model/ip';
import type { ManifestObject } from '../model/manifestObject';
import type { ServicePort, ServiceView } from '../model/serviceView';

/** The file name the built-in Services are attributed to: no manifest declares them. */
export const BUILT_IN_FILE = '(built into every cluster)';

/**
 * The Services every cluster has though no manifest declares them, as kubeadm creates them:
 * `default/kubernetes` (the API server; the first address of the service CIDR, https 443 → 6443)
 * and `kube-system/kube-dns` (the cluster DNS; the 10th address, dns 53/UDP, dns-tcp 53/TCP,
 * metrics 9153). The DNS zone publishes them — `nslookup kubernetes.default` is the classic check —
 * unless the workspace declares a Service of the same name, which then wins.
 */
export function builtInServices(model: ClusterModel): readonly ServiceView[] {
  const cached = cache.get(model);
  if (cached && cached.generation === model.generation) return cached.services;
  const cidr = cidrList(model.settings.serviceCIDR)[0];
  const services: ServiceView[] = [];
  if (cidr) {
    const port = (index: number, name: string, protocol: string, number: number, targetPort: number): ServicePort => ({ index, name, protocol, port: number, targetPort, nodePortSimulated: false });
    const candidates: { name: string; namespace: string; offset: bigint; labels: Record<string, string>; selector?: Record<string, string>; ports: ServicePort[] }[] = [
      { name: 'kubernetes', namespace: 'default', offset: 1n, labels: { component: 'apiserver', provider: 'kubernetes' }, selector: undefined, ports: [port(0, 'https', 'TCP', 443, 6443)] },
      { name: 'kube-dns', namespace: 'kube-system', offset: 10n, labels: { 'k8s-app': 'kube-dns' }, selector: { 'k8s-app': 'kube-dns' }, ports: [port(0, 'dns', 'UDP', 53, 53), port(1, 'dns-tcp', 'TCP', 53, 53), port(2, 'metrics', 'TCP', 9153, 9153)] },
    ];
    for (const candidate of candidates) {
      if (model.service(candidate.namespace, candidate.name)) continue;
      const object: ManifestObject = {
        id: `${BUILT_IN_FILE}#${candidate.namespace}/${candidate.name}`, file: BUILT_IN_FILE, documentIndex: -1, documentSpan: { start: 0, end: 0 }, basePath: [],
        apiVersion: 'v1', kind: 'Service', name: candidate.name, namespace: candidate.namespace, namespaceDeclared: true, labels: candidate.labels, annotations: {}, body: undefined,
      };
      services.push({
        object, name: candidate.name, namespace: candidate.namespace, type: 'ClusterIP', headless: false,
        clusterIPs: [{ ip: ipInCidr(cidr, candidate.offset), family: cidr.family, simulated: false }],
        selector: candidate.selector, ports: candidate.ports, publishNotReadyAddresses: false, spec: {},
      });
    }
  }
  cache.set(model, { generation: model.generation, services });
  return services;
}

/** The Service the cluster DNS knows by that name: a declared one, else a built-in one. */
export function findService(model: ClusterModel, namespace: string, name: string): ServiceView | undefined {
  return model.service(namespace, name) ?? builtInServices(model).find((service) => service.namespace === namespace && service.name === name);
}

export function isBuiltIn(service: ServiceView): boolean {
  return service.object.file === BUILT_IN_FILE;
}

/** Built once per model generation, so a view stays the same object (backendsOf caches by it). */
const cache = new WeakMap<ClusterModel, { generation: number; services: ServiceView[] }>();
