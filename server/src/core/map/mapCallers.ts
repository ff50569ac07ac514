import { simulateConnection } from '../connect/simulateConnection';
import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import type { ConfiguredHost } from '../references/configuredHosts';
import { lookUpConfiguredHost } from '../rules/configuredHostLookup';
import { configuredHostOrigins, configuredHostsWithPod, type ConfiguredHosts } from '../rules/configuredHostsWithPod';

/** A workload configured to connect to a Service: `CART_URL=http://cart:80/` in its env, or in a ConfigMap key it reads. */
export interface ServiceCall {
  readonly caller: ManifestObject;
  readonly service: ServiceView;
  readonly host: ConfiguredHost;
  /** Where the host is written: the workload, or the ConfigMap it reads. */
  readonly writtenIn: ManifestObject;
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
  const configured = configuredHostsWithPod({ model, settings: model.settings }, caller);
  return configured?.pod ? callsOf(model, configured, configured.pod, configured.hosts, caller) : [];
}

/**
 * The Services reached through the keys of a ConfigMap that workloads read by name (a
 * `configMapKeyRef`, `envFrom`, a volume's `items`): a call of each reading workload, looked up from
 * its own Pod. A ConfigMap mounted whole is left out: its keys may be files the program never reads.
 */
export function configMapCalls(model: ClusterModel, configMap: ManifestObject): ServiceCall[] {
  const calls: ServiceCall[] = [];
  for (const origin of configuredHostOrigins({ model, settings: model.settings }, configMap)) {
    if (!origin.readsConfigMap || !origin.pod) continue;
    const named = origin.hosts.filter((host) => origin.named?.(host) ?? false);
    calls.push(...callsOf(model, origin, origin.pod, named, configMap));
  }
  return calls;
}

function callsOf(model: ClusterModel, configured: ConfiguredHosts, pod: PodView, hosts: readonly ConfiguredHost[], writtenIn: ManifestObject): ServiceCall[] {
  const calls: ServiceCall[] = [];
  for (const host of hosts) {
    const lookup = lookUpConfiguredHost({ model }, configured, host.host);
    if (lookup.kind !== 'resolved' || !lookup.service) continue;
    const service = lookup.service;
    const port = host.port ?? (host.scheme ? DEFAULT_PORTS[host.scheme] : undefined) ?? (service.ports.length === 1 ? service.ports[0].port : undefined);
    let denied: string | undefined;
    if (port !== undefined && service.type !== 'ExternalName') {
      const simulation = simulateConnection(model, pod, { text: host.written, host: host.host, port, portFromScheme: host.port === undefined });
      if (simulation.verdict === 'dns-blocked') denied = simulation.reasons.find((reason) => reason.startsWith('DNS:'));
      else if (simulation.verdict === 'egress-denied' || simulation.verdict === 'ingress-denied') denied = simulation.backends.find((backend) => !backend.allowed)?.reason ?? simulation.reasons[simulation.reasons.length - 1];
    }
    calls.push({ caller: pod.template.owner, service, host, writtenIn, denied });
  }
  return calls;
}
