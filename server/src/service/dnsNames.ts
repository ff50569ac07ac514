import type { ClusterModel } from '../core/model/clusterModel';
import type { PodView } from '../core/model/podView';
import type { ServiceView } from '../core/model/serviceView';
import { code } from './markdown';

/**
 * The DNS names the editor explains next to objects, per the Kubernetes DNS spec 1.1.0: a Pod's
 * hostname FQDN (published only under the headless Service its subdomain names, once that Service
 * selects it and it is ready) with the reason when it is not, and the CoreDNS Pod-IP name. The
 * records themselves come from core/dns. Reasons are hover Markdown, names in code spans.
 */
export function serviceFqdn(model: ClusterModel, service: Pick<ServiceView, 'name' | 'namespace'>): string {
  return `${service.name}.${service.namespace}.svc.${model.settings.clusterDomain}`;
}

export type HostnameRecord =
  | { readonly published: true; readonly fqdn: string; readonly service: ServiceView }
  | { readonly published: false; readonly fqdn?: string; readonly reason: string };

/** Whether other Pods can resolve this Pod's `<hostname>.<subdomain>.<ns>.svc.<zone>`, and why not. */
export function hostnameRecord(model: ClusterModel, pod: PodView): HostnameRecord {
  const statefulSet = pod.template.owner.kind === 'StatefulSet';
  if (!pod.subdomain) {
    return { published: false, reason: statefulSet ? 'the StatefulSet sets no `serviceName`, so its Pods get no subdomain' : '`spec.subdomain` is not set' };
  }
  const fqdn = `${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${model.settings.clusterDomain}`;
  if (!pod.hostnameSet) return { published: false, fqdn, reason: '`spec.hostname` is not set, so the endpoint gets no hostname' };
  const service = model.service(pod.namespace, pod.subdomain);
  if (!service) return { published: false, fqdn, reason: `subdomain ${code(pod.subdomain)} names no Service in namespace ${code(pod.namespace)}` };
  if (service.type === 'ExternalName') return { published: false, fqdn, reason: `Service ${code(service.name)} is an ExternalName Service` };
  if (!service.headless) return { published: false, fqdn, reason: `Service ${code(service.name)} is not headless (\`clusterIP: None\`)` };
  const endpoint = model.backendsOf(service).endpoints.find((candidate) => candidate.pod === pod);
  if (!endpoint) return { published: false, fqdn, reason: `Service ${code(service.name)} does not select this Pod` };
  if (!endpoint.ready) return { published: false, fqdn, reason: `the Pod is not ready and Service ${code(service.name)} does not set \`publishNotReadyAddresses\`` };
  return { published: true, fqdn, service };
}

/** CoreDNS's `a-b-c-d.<ns>.pod.<zone>` name of a Pod IP, when its `pods` mode answers it. */
export function podIpName(model: ClusterModel, namespace: string, ip: string): string | undefined {
  if (model.settings.pods === 'disabled') return undefined;
  const label = ip.includes(':') ? ip.replace(/:/g, '-') : ip.replace(/\./g, '-');
  return `${label}.${namespace}.pod.${model.settings.clusterDomain}`;
}
