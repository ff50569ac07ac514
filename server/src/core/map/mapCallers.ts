import { simulateConnection } from '../connect/simulateConnection';
import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import type { ServiceView } from '../model/serviceView';
import type { ConfiguredHost } from '../references/configuredHosts';
import { lookUpConfiguredHost } from '../rules/configuredHostLookup';
import { configuredHostsWithPod } from '../rules/configuredHostsWithPod';

/** A workload configured to connect to a Service: `CART_URL=http://cart:80/` in its env. */
export interface ServiceCall {
  readonly caller: ManifestObject;
  readonly service: ServiceView;
  readonly host: ConfiguredHost;
  /** Why NetworkPolicy stops the connection from the caller's Pods, when it does. */
  readonly denied?: string;
}

/** The port a URL of these schemes means when it writes none. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/**
 * The Services a workload's containers are configured to reach (env values, args, command), each
 * looked up from the workload's own first Pod as its resolver would, and the connection simulated
 * from that Pod: DNS reachability, the Service port, its endpoints, and the NetworkPolicies of both
 * ends. A host without a port is judged only when the Service has a single port.
 */
export function serviceCalls(model: ClusterModel, caller: ManifestObject): ServiceCall[] {
  const context = { model, settings: model.settings };
  const configured = configuredHostsWithPod(context, caller);
  if (!configured?.pod) return [];
  const calls: ServiceCall[] = [];
  for (const host of configured.hosts) {
    const lookup = lookUpConfiguredHost(context, configured, host.host);
    if (lookup.kind !== 'resolved' || !lookup.service) continue;
    const service = lookup.service;
    const port = host.port ?? (host.scheme ? DEFAULT_PORTS[host.scheme] : undefined) ?? (service.ports.length === 1 ? service.ports[0].port : undefined);
    let denied: string | undefined;
    if (port !== undefined && service.type !== 'ExternalName') {
      const simulation = simulateConnection(model, configured.pod, { text: host.written, host: host.host, port, portFromScheme: host.port === undefined });
      if (simulation.verdict === 'dns-blocked') denied = simulation.reasons.find((reason) => reason.startsWith('DNS:'));
      else if (simulation.verdict === 'egress-denied' || simulation.verdict === 'ingress-denied') denied = simulation.backends.find((backend) => !backend.allowed)?.reason ?? simulation.reasons[simulation.reasons.length - 1];
    }
    calls.push({ caller, service, host, denied });
  }
  return calls;
}
