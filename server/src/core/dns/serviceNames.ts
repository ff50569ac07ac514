import { dnsSettingsOf } from '../corefile/profileOf';
import type { ClusterModel } from '../model/clusterModel';
import type { ServiceView } from '../model/serviceView';
import { serviceFqdn } from './dnsName';
import { endpointName, srvLabels, zoneOf } from './records';
import { resolveFrom } from './resolveFrom';

/** The names a Service answers to, and from where the short ones work (for hovers). */
export interface ServiceNames {
  readonly fqdn: string;
  /** `name` works from `from`: a namespace, or `every namespace`. */
  readonly shortNames: readonly { readonly name: string; readonly from: string }[];
  /** `_<port>._<proto>.<fqdn>` per named port. */
  readonly srvNames: readonly string[];
  /** `<endpoint>.<fqdn>` per ready endpoint of a headless Service. */
  readonly endpointNames: readonly string[];
  /** Namespaces from which `<service>.<namespace>` is answered by another Service first (search-path capture). */
  readonly capturedFrom: readonly { readonly namespace: string; readonly by: string }[];
}

export function serviceNames(model: ClusterModel, service: ServiceView): ServiceNames {
  const zone = zoneOf(model.settings);
  const fqdn = serviceFqdn(service.name, service.namespace, zone);
  const shortNames = [
    { name: service.name, from: `namespace ${service.namespace}` },
    { name: `${service.name}.${service.namespace}`, from: 'every namespace' },
    { name: `${service.name}.${service.namespace}.svc`, from: 'every namespace' },
    { name: fqdn, from: 'every namespace' },
  ];
  const srvNames = service.type === 'ExternalName' ? [] : service.ports.filter((port) => port.name).map((port) => `${srvLabels(port.name!, port.protocol)}.${fqdn}`);
  const endpointNames = service.headless ? [...new Set(model.backendsOf(service).endpoints.filter((endpoint) => endpoint.ready).map((endpoint) => `${endpointName(endpoint, dnsSettingsOf(model))}.${fqdn}`))] : [];
  // `<svc>.<ns>` from namespace X is first asked as `<svc>.<ns>.X.svc.<zone>`: endpoint <svc> of a Service named <ns> in X
  const capturedFrom: { namespace: string; by: string }[] = [];
  // looked up namespace by namespace: a workspace has far fewer namespaces than Services
  for (const namespace of model.namespaces()) {
    const other = namespace === service.namespace ? undefined : model.service(namespace, service.namespace);
    if (!other) continue;
    const resolution = resolveFrom(model, { namespace: other.namespace }, `${service.name}.${service.namespace}`, 'A');
    if (resolution.tried.length > 0 && resolution.tried[0].rcode === 'NOERROR') capturedFrom.push({ namespace: other.namespace, by: `Service ${other.namespace}/${other.name}` });
  }
  return { fqdn, shortNames, srvNames, endpointNames, capturedFrom };
}
