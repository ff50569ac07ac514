import type { ClusterModel } from '../model/clusterModel';
import { matchesLabelSelector } from '../model/labelSelector';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';
import { networkPolicyOf, type NetworkPolicyView, type PolicyPeer } from '../policy/networkPolicy';
import { podEndpoint, type PolicyEndpoint } from '../policy/policyEndpoint';
import { namedPortOf, peerMatches } from '../policy/policyMatch';
import { closestName } from './closestName';
import { replaceValue } from './textEdits';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'network-policy-port-not-found',
    description: 'A NetworkPolicy port given by name that no destination Pod declares (a container port of that name and protocol): the rule never matches, so the traffic it was written for stays denied.',
    remediation: 'Use the name of a container port of the destination Pods (the selected Pods for ingress, the Pods the `to` entries select for egress), or the port number.',
    severity: 'warning',
    kinds: ['NetworkPolicy'],
    scope: 'cluster',
    messages: {
      notFound: 'port "{{name}}" ({{protocol}}) is not a container port of {{pods}}, so this rule never matches{{hint}}',
    },
    example: {
      wrong: 'kind: NetworkPolicy\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - ports:\n    - port: htpp   # the web Pods name their port "http"',
      right: 'kind: NetworkPolicy\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - ports:\n    - port: http',
    },
  },
  check(context, object) {
    const { model } = context;
    const policy = networkPolicyOf(object);
    if (holdsPlaceholder(policy.podSelector)) return;
    for (const direction of ['ingress', 'egress'] as const) {
      if (!policy.policyTypes.includes(direction)) continue;
      for (const rule of policy[direction]) {
        const named = (rule.ports ?? []).filter((port) => typeof port.port === 'string' && !hasPlaceholder(port.port));
        if (named.length === 0) continue;
        // named ports resolve on the destination: the selected Pods for ingress, the Pods the `to` entries select for egress
        const destinations = direction === 'ingress' ? selectedPods(model, policy) : peerPods(model, policy, rule.peers);
        if (!destinations || destinations.length === 0) continue;
        for (const port of named) {
          const name = port.port as string;
          if (destinations.some((destination) => namedPortOf(destination, name, port.protocol) !== undefined)) continue;
          const declared = new Set(destinations.flatMap((destination) => (destination.pod?.containers ?? []).flatMap((container) => (container.ports ?? []).filter((entry) => (entry.protocol ?? 'TCP') === port.protocol).flatMap((entry) => (entry.name ? [entry.name] : [])))));
          const closest = closestName(name, declared);
          const portIndex = rule.ports!.indexOf(port);
          const path = ['spec', direction, rule.index, 'ports', portIndex, 'port'];
          const labels = [...new Set(destinations.map((destination) => destination.label))];
          context.report({
            messageId: 'notFound',
            data: {
              name, protocol: port.protocol,
              pods: labels.length === 1 ? `Pod ${labels[0]}` : `the ${labels.length} destination Pods (${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ', …' : ''})`,
              hint: closest ? `; did you mean "${closest}"?` : declared.size > 0 ? `; ${labels.length === 1 ? 'it declares' : 'they declare'} ${[...declared].slice(0, 5).join(', ')}.` : '.',
            },
            path,
            fix: closest ? (fixContext) => {
              const edits = replaceValue(fixContext, object, path, closest);
              return edits ? { title: `Change the port to "${closest}"`, edits } : undefined;
            } : undefined,
          });
        }
      }
    }
  },
});

function selectedPods(model: ClusterModel, policy: NetworkPolicyView): PolicyEndpoint[] {
  return model.podsIn(policy.namespace).filter((pod) => matchesLabelSelector(pod.labels, policy.podSelector)).map(podEndpoint);
}

/** The Pods the `to` entries select; undefined when an entry reaches beyond the Pods (no entries, an ipBlock) or holds a placeholder. */
function peerPods(model: ClusterModel, policy: NetworkPolicyView, peers: readonly PolicyPeer[] | undefined): PolicyEndpoint[] | undefined {
  if (!peers?.length || peers.some((peer) => peer.ipBlock || holdsPlaceholder(peer))) return undefined;
  return model.pods().map(podEndpoint).filter((pod) => peers.some((peer) => peerMatches(model, peer, policy.namespace, pod)));
}
