/**
 * NetworkPolicy evaluation, as the API documents it (networking.k8s.io/v1).
 *
 * Public API:
 * - `networkPolicyOf(object)`, `networkPoliciesIn(model, ns)`  policies after `policyTypes` defaulting
 * - `evaluateConnection(model, {source, destination, port, protocol})`  egress of the source AND
 *   ingress of the destination, each with the policy, rule, peer and port that decided
 * - `podEndpoint(pod)`, `addressEndpoint(ip)`  the ends of a connection
 * - `clusterDnsPods(model)`, `dnsReachability(model, source)`  whether a Pod may reach the cluster DNS
 * - `dnsBlockedNote(model, pod)`  the line lookup transcripts add when policy keeps a Pod from the DNS
 */
export { networkPolicyOf, networkPoliciesIn, policyName, type Direction, type NetworkPolicyView, type PolicyPeer, type PolicyPort, type PolicyRule } from './networkPolicy';
export { describeRule, evaluateConnection, evaluateDirection, policiesSelecting, type ConnectionAttempt, type ConnectionVerdict, type DirectionVerdict, type PolicyDecision } from './evaluatePolicies';
export { addressEndpoint, podEndpoint, type PolicyEndpoint } from './policyEndpoint';
export { ASSUMED_DNS_NOTE, clusterDnsPods, dnsReachability, type ClusterDnsPods, type DnsPath, type DnsReachability } from './clusterDns';
export { namespaceLabels, NAMESPACE_NAME_LABEL } from './namespaceLabels';
export { dnsBlockedNote } from './dnsBlockedNote';
