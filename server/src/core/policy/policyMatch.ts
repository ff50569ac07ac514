import type { ClusterModel } from '../model/clusterModel';
import { cidrList } from '../model/clusterModel';
import { cidrContains, cidrSize, parseCidr, type Cidr } from '../model/ip';
import { matchesLabelSelector } from '../model/labelSelector';
import { namespaceLabels } from './namespaceLabels';
import type { PolicyPeer, PolicyPort } from './networkPolicy';
import type { PolicyEndpoint } from './policyEndpoint';

/**
 * Whether a `from`/`to` entry of a policy in `policyNamespace` matches the other end: a podSelector
 * alone selects Pods of the policy's namespace; a namespaceSelector alone every Pod of the namespaces
 * it selects; both in one entry, those Pods within those namespaces; an ipBlock, addresses in its
 * CIDR outside every `except`. Traffic of a hostNetwork Pod is the node's: no selector matches it.
 */
export function peerMatches(model: ClusterModel, peer: PolicyPeer, policyNamespace: string, other: PolicyEndpoint): boolean {
  if (peer.ipBlock) return ipBlockMatches(model, peer.ipBlock, other.ip);
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const pod = other.pod;
  if (!pod || pod.hostNetwork) return false;
  if (peer.namespaceSelector) {
    if (!matchesLabelSelector(namespaceLabels(model, pod.namespace), peer.namespaceSelector)) return false;
  } else if (pod.namespace !== policyNamespace) return false;
  return !peer.podSelector || matchesLabelSelector(pod.labels, peer.podSelector);
}

/** An unknown address (an assumed Pod) is matched only by a block that holds every Pod address. */
function ipBlockMatches(model: ClusterModel, block: { cidr: string; except: readonly string[] }, ip: string | undefined): boolean {
  const cidr = parseCidr(block.cidr);
  if (!cidr) return false;
  const excepts = block.except.map((text) => parseCidr(text)).filter((except): except is Cidr => except !== undefined);
  if (ip !== undefined) return cidrContains(cidr, ip) && !excepts.some((except) => cidrContains(except, ip));
  const podCidrs = cidrList(model.settings.podCIDR).filter((pods) => pods.family === cidr.family);
  return podCidrs.length > 0 && podCidrs.every((pods) => covers(cidr, pods) && !excepts.some((except) => overlaps(except, pods)));
}

function covers(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/**
 * Whether a policy port matches the connection: the protocol (TCP when not written), then no port
 * (every port), a number (or the range up to `endPort`), or a name, which is looked up among the
 * destination Pod's container ports of that protocol.
 */
export function portMatches(port: PolicyPort, connection: { port: number; protocol: string }, destination: PolicyEndpoint): boolean {
  if (port.protocol !== connection.protocol) return false;
  if (port.port === undefined) return true;
  if (typeof port.port === 'number') return port.endPort !== undefined ? connection.port >= port.port && connection.port <= port.endPort : connection.port === port.port;
  return namedPortOf(destination, port.port, port.protocol) === connection.port;
}

export function namedPortOf(endpoint: PolicyEndpoint, name: string, protocol: string): number | undefined {
  for (const container of endpoint.pod?.containers ?? []) {
    for (const containerPort of container.ports ?? []) {
      if (containerPort.name === name && (containerPort.protocol ?? 'TCP') === protocol && containerPort.containerPort !== undefined) return containerPort.containerPort;
    }
  }
  return undefined;
}
