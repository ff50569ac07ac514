import type { ClusterModel } from '../model/clusterModel';
import { builtInServices } from './builtInServices';
import { cidrList } from '../model/clusterModel';
import { ipInCidr } from '../model/ip';
import type { PodView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';

export interface ServiceEnvVar {
  readonly name: string;
  readonly value: string;
  /** The Service it comes from, as `namespace/name`. */
  readonly service: string;
  readonly simulated: boolean;
}

export interface ServiceEnvironment {
  readonly variables: readonly ServiceEnvVar[];
  readonly enableServiceLinks: boolean;
  /** Services of the namespace that give no variables, with the reason. */
  readonly skipped: readonly { readonly service: string; readonly reason: string }[];
  readonly caveat: string;
}

export const ORDERING_CAVEAT = 'kubelet sets these variables only for Services that exist when the container starts: a Service created after the Pod is missing until the Pod restarts. The manifests do not say which comes first; this list assumes every Service exists before the Pod.';

/**
 * The service environment variables kubelet gives a Pod's containers: `<SVC>_SERVICE_HOST`,
 * `_SERVICE_PORT`, `_SERVICE_PORT_<NAME>` and the Docker-link `_PORT…` variables, for each Service
 * of the Pod's namespace with a cluster IP when `enableServiceLinks` is not false, and always for
 * the `kubernetes` Service of `default`.
 */
export function serviceEnvironment(model: ClusterModel, pod: PodView): ServiceEnvironment {
  const enableServiceLinks = pod.template.spec.enableServiceLinks !== false;
  const byName = new Map<string, { service: ServiceView | 'kubernetes' }>();
  const skipped: { service: string; reason: string }[] = [];
  const master = model.service('default', 'kubernetes');
  byName.set('kubernetes', { service: master && master.clusterIPs.length ? master : 'kubernetes' });
  if (enableServiceLinks) {
    // the built-in kube-dns Service counts for Pods of kube-system (the kubernetes one is handled above)
    const builtIn = builtInServices(model).filter((service) => service.namespace === pod.namespace && service.name !== 'kubernetes');
    for (const service of [...model.servicesIn(pod.namespace), ...builtIn]) {
      if (model.service(service.namespace, service.name) !== service && !builtIn.includes(service)) continue;
      const key = `${service.namespace}/${service.name}`;
      if (service.type === 'ExternalName') skipped.push({ service: key, reason: 'ExternalName Services have no cluster IP' });
      else if (service.headless) skipped.push({ service: key, reason: 'headless Services (clusterIP: None) have no cluster IP' });
      else if (service.clusterIPs.length === 0) skipped.push({ service: key, reason: 'it has no cluster IP' });
      else if (service.ports.length === 0) skipped.push({ service: key, reason: 'it has no ports' });
      else if (!(pod.namespace === 'default' && service.name === 'kubernetes')) byName.set(service.name, { service });
    }
  }
  const variables: ServiceEnvVar[] = [];
  for (const name of [...byName.keys()].sort()) {
    const { service } = byName.get(name)!;
    variables.push(...(service === 'kubernetes' ? kubernetesServiceVariables(model) : variablesOf(service)));
  }
  return { variables, enableServiceLinks, skipped, caveat: ORDERING_CAVEAT };
}

function variablesOf(service: ServiceView): ServiceEnvVar[] {
  const ip = service.clusterIPs[0];
  const ports = service.ports.filter((port) => port.port !== undefined).map((port) => ({ name: port.name, port: port.port!, protocol: port.protocol }));
  return makeVariables(service.name, `${service.namespace}/${service.name}`, ip.ip, ip.simulated, ports);
}

/** The API server's Service, which every cluster has: the first address of the service CIDR, port 443. */
function kubernetesServiceVariables(model: ClusterModel): ServiceEnvVar[] {
  const cidr = cidrList(model.settings.serviceCIDR)[0];
  const ip = cidr ? ipInCidr(cidr, 1n) : '10.96.0.1';
  return makeVariables('kubernetes', 'default/kubernetes', ip, false, [{ name: 'https', port: 443, protocol: 'TCP' }]);
}

function makeVariables(serviceName: string, key: string, ip: string, simulated: boolean, ports: readonly { name?: string; port: number; protocol: string }[]): ServiceEnvVar[] {
  if (ports.length === 0) return [];
  const prefix = envName(serviceName);
  const out: ServiceEnvVar[] = [];
  const add = (name: string, value: string, isAddress = false): void => void out.push({ name, value, service: key, simulated: simulated && (isAddress || value.includes(ip)) });
  add(`${prefix}_SERVICE_HOST`, ip, true);
  add(`${prefix}_SERVICE_PORT`, String(ports[0].port));
  for (const port of ports) if (port.name) add(`${prefix}_SERVICE_PORT_${envName(port.name)}`, String(port.port));
  ports.forEach((port, index) => {
    const protocol = port.protocol || 'TCP';
    const hostPort = ip.includes(':') ? `[${ip}]:${port.port}` : `${ip}:${port.port}`;
    const url = `${protocol.toLowerCase()}://${hostPort}`;
    if (index === 0) add(`${prefix}_PORT`, url);
    const portPrefix = `${prefix}_PORT_${port.port}_${protocol.toUpperCase()}`;
    add(portPrefix, url);
    add(`${portPrefix}_PROTO`, protocol.toLowerCase());
    add(`${portPrefix}_PORT`, String(port.port));
    add(`${portPrefix}_ADDR`, ip, true);
  });
  return out;
}

/** kubelet's makeEnvVariableName: upper case, dashes to underscores. */
export function envName(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

export function renderServiceEnvironment(environment: ServiceEnvironment, pod: PodView): string {
  const lines = [`# service environment variables of Pod ${pod.namespace}/${pod.name}${environment.enableServiceLinks ? '' : ' (enableServiceLinks: false: only the kubernetes Service)'}`];
  lines.push(`# ${environment.caveat}`);
  for (const variable of environment.variables) lines.push(`${variable.name}=${variable.value}${variable.simulated ? '   # simulated' : ''}`);
  for (const skip of environment.skipped) lines.push(`# no variables for Service ${skip.service}: ${skip.reason}`);
  return lines.join('\n') + '\n';
}
