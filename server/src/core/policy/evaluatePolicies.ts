import type { ClusterModel } from '../model/clusterModel';
import { matchesLabelSelector } from '../model/labelSelector';
import { networkPoliciesIn, policyName, type Direction, type NetworkPolicyView, type PolicyPeer, type PolicyPort, type PolicyRule } from './networkPolicy';
import type { PolicyEndpoint } from './policyEndpoint';
import { peerMatches, portMatches } from './policyMatch';

/** A connection as the policies see it: after the Service's translation, to a Pod IP and target port. */
export interface ConnectionAttempt {
  readonly source: PolicyEndpoint;
  readonly destination: PolicyEndpoint;
  readonly port: number;
  /** TCP, UDP or SCTP. */
  readonly protocol: string;
}

/** What decided one direction: the policy, and for an allow, the rule, the peer and the port entry that matched. */
export interface PolicyDecision {
  readonly policy: NetworkPolicyView;
  readonly rule?: PolicyRule;
  readonly peer?: PolicyPeer;
  readonly port?: PolicyPort;
}

export interface DirectionVerdict {
  readonly direction: Direction;
  /** True when some policy selects the Pod for this direction. */
  readonly isolated: boolean;
  readonly allowed: boolean;
  /** The policies that select the Pod for this direction. */
  readonly policies: readonly NetworkPolicyView[];
  /** Undefined when no policy decided (not isolated, hostNetwork, the node, the Pod itself). */
  readonly decidedBy?: PolicyDecision;
  readonly reason: string;
}

export interface ConnectionVerdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

/** The policies of the Pod's namespace that select it for the direction. */
export function policiesSelecting(model: ClusterModel, endpoint: PolicyEndpoint, direction: Direction): NetworkPolicyView[] {
  const pod = endpoint.pod;
  if (!pod) return [];
  return networkPoliciesIn(model, pod.namespace).filter((policy) => policy.policyTypes.includes(direction) && matchesLabelSelector(pod.labels, policy.podSelector));
}

/**
 * NetworkPolicy as the API documents it: a connection is allowed when the egress policies of the
 * source allow it and the ingress policies of the destination allow it. A Pod no policy selects for
 * a direction is not isolated in it; a selected Pod allows what any rule of any selecting policy
 * allows (policies add up; order does not matter).
 */
export function evaluateConnection(model: ClusterModel, connection: ConnectionAttempt): ConnectionVerdict {
  const egress = evaluateDirection(model, connection, 'egress');
  const ingress = evaluateDirection(model, connection, 'ingress');
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

export function evaluateDirection(model: ClusterModel, connection: ConnectionAttempt, direction: Direction): DirectionVerdict {
  const self = direction === 'egress' ? connection.source : connection.destination;
  const other = direction === 'egress' ? connection.destination : connection.source;
  const pod = self.pod;
  const open = (reason: string, isolated = false, policies: readonly NetworkPolicyView[] = []): DirectionVerdict => ({ direction, isolated, allowed: true, policies, reason });
  if (!pod) return open(`${self.label} is not a Pod: no NetworkPolicy applies to its ${direction}`);
  if (pod.hostNetwork) return open(`${self.label} uses hostNetwork: NetworkPolicy does not apply to its ${direction}`);
  const policies = policiesSelecting(model, self, direction);
  if (policies.length === 0) return open(`no NetworkPolicy selects ${self.label} for ${direction === 'egress' ? 'Egress' : 'Ingress'}: not isolated`);
  // the exceptions the API documents: a Pod cannot block itself, nor traffic from its own node
  if (other.pod && other.pod.namespace === pod.namespace && other.pod.name === pod.name) return open(`${self.label} connects to itself, which no policy can block`, true, policies);
  if (direction === 'ingress' && other.pod?.hostNetwork && other.pod.nodeName !== undefined && other.pod.nodeName === pod.nodeName) {
    return open(`the connection comes from ${pod.nodeName}, the node of ${self.label} (hostNetwork), which is always allowed`, true, policies);
  }
  const destination = connection.destination;
  for (const policy of policies) {
    for (const rule of direction === 'egress' ? policy.egress : policy.ingress) {
      const peer = rule.peers?.length ? rule.peers.find((candidate) => peerMatches(model, candidate, policy.namespace, other)) : undefined;
      if (rule.peers?.length && !peer) continue;
      const port = rule.ports?.length ? rule.ports.find((candidate) => portMatches(candidate, connection, destination)) : undefined;
      if (rule.ports?.length && !port) continue;
      return { direction, isolated: true, allowed: true, policies, decidedBy: { policy, rule, peer, port }, reason: `allowed by NetworkPolicy ${policyName(policy)} ${describeRule(rule, peer, port)}` };
    }
  }
  const names = policies.map((policy) => policyName(policy)).join(', ');
  const target = `${connection.port}/${connection.protocol} ${direction === 'egress' ? 'to' : 'from'} ${other.label}`;
  return {
    direction, isolated: true, allowed: false, policies, decidedBy: { policy: policies[0] },
    reason: `NetworkPolicy ${names} ${policies.length === 1 ? 'selects' : 'select'} ${self.label} for ${direction === 'egress' ? 'Egress' : 'Ingress'} and no rule allows ${target}`,
  };
}

/** `egress[0]`, with the entry that matched: `to[1]`, `ports[0]`. */
export function describeRule(rule: PolicyRule, peer?: PolicyPeer, port?: PolicyPort): string {
  const parts = [`${rule.direction}[${rule.index}]`];
  const peerKey = rule.direction === 'egress' ? 'to' : 'from';
  parts.push(peer ? `${peerKey}[${peer.index}]` : `any ${rule.direction === 'egress' ? 'destination' : 'source'}`);
  parts.push(port ? `ports[${rule.ports?.indexOf(port) ?? 0}]` : 'any port');
  return `${parts[0]} (${parts.slice(1).join(', ')})`;
}
