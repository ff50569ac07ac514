import type { ServicePort, ServiceView } from '../model/serviceView';

/** How a port number that another object sends to a Service fares: found, a target port by mistake, or missing. */
export type PortNumberLookup =
  | { readonly found: ServicePort }
  | { readonly externalName: true }
  | { readonly targetOf: ServicePort }
  | { readonly missing: true };

/**
 * Ingress backends and Gateway API backendRefs name a Service port (`spec.ports[].port`), not
 * the target port behind it: writing the container port is the usual mistake, told apart here.
 * An ExternalName Service is only a CNAME: ingress-nginx sends a number it does not list to that
 * port of the external host as is (`externalNamePorts`, "ExternalName without port"), and Gateway
 * API leaves ExternalName backends to the implementation, so no number is wrong for it.
 */
export function lookUpPortNumber(service: ServiceView, number: number): PortNumberLookup {
  const found = service.ports.find((port) => port.port === number);
  if (found) return { found };
  if (service.type === 'ExternalName') return { externalName: true };
  const targetOf = service.ports.find((port) => port.targetPort === number);
  return targetOf ? { targetOf } : { missing: true };
}

/** `80/TCP (http), 443/TCP (https)`: the ports of a Service, for messages. */
export function describePorts(service: ServiceView): string {
  return service.ports.map((port) => `${port.port ?? '?'}${port.name ? ` ("${port.name}")` : ''}`).join(', ') || 'none';
}

/** `"http", "metrics"`: the port names of a Service, for messages. */
export function describePortNames(services: readonly ServiceView[]): string {
  const names = [...new Set(services.flatMap((service) => service.ports.flatMap((port) => (port.name ? [`"${port.name}"`] : []))))];
  return names.join(', ') || 'none, its ports are unnamed';
}
