import type { ManifestObject } from '../model/manifestObject';
import { holdsPlaceholder } from '../placeholders';
import { text } from '../references/fields';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'traffic-policy-local-not-every-node',
    description: '`internalTrafficPolicy: Local`, or `externalTrafficPolicy: Local` on a NodePort Service, whose selected Pods are not guaranteed on every node (made by a Deployment, StatefulSet, Job or written as bare Pods, not by a DaemonSet): kube-proxy sends the traffic only to endpoints on the node it arrives at, so connections from Pods (internal) or to the NodePort (external) on a node without one are dropped. A LoadBalancer\'s `externalTrafficPolicy: Local` is left alone: its health checks (`healthCheckNodePort`) keep the load balancer to the nodes with endpoints.',
    remediation: 'Use the default `Cluster` policy, or run the backends as a DaemonSet so that every node has one.',
    severity: 'info',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      internal: 'internalTrafficPolicy: Local keeps each client Pod\'s connections on its own node, but the Pods of this Service come from {{owners}}, not a DaemonSet, so not every node is sure to run one: a client on a node without one has its connections dropped.',
      external: 'externalTrafficPolicy: Local makes the NodePort answer only on nodes that run an endpoint, but the Pods of this Service come from {{owners}}, not a DaemonSet, so not every node is sure to run one: a connection to the NodePort of a node without one is dropped.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: cache}\nspec:\n  internalTrafficPolicy: Local\n  selector: {app: cache}   # a Deployment of 2 replicas',
      right: 'kind: Service\nmetadata: {name: cache}\nspec:\n  internalTrafficPolicy: Local\n  selector: {app: cache}   # a DaemonSet: one Pod on every node',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service || !service.selector || holdsPlaceholder(service.selector) || service.type === 'ExternalName') return;
    const spec = object.body?.spec as Record<string, unknown> | undefined;
    const internal = text(spec?.internalTrafficPolicy) === 'Local';
    const external = text(spec?.externalTrafficPolicy) === 'Local' && service.type === 'NodePort';
    if (!internal && !external) return;
    const pods = context.model.backendsOf(service).endpoints.flatMap((endpoint) => (endpoint.pod ? [endpoint.pod] : []));
    if (pods.length === 0) return;
    const owners = new Map<ManifestObject, number>();
    for (const pod of pods) owners.set(pod.template.owner, (owners.get(pod.template.owner) ?? 0) + 1);
    // a DaemonSet puts a Pod on every node (its nodeSelector is the user's choice)
    if ([...owners.keys()].some((owner) => owner.kind === 'DaemonSet')) return;
    const described = [...owners].slice(0, 3).map(([owner, count]) => (owner.kind === 'Pod' ? `Pod "${owner.name}"` : `${owner.kind} "${owner.name}" (${count} Pod${count === 1 ? '' : 's'})`)).join(', ') + (owners.size > 3 ? ` and ${owners.size - 3} more` : '');
    const first = [...owners.keys()][0];
    for (const [messageId, key, on] of [['internal', 'internalTrafficPolicy', internal], ['external', 'externalTrafficPolicy', external]] as const) {
      if (!on) continue;
      context.report({
        messageId,
        data: { owners: described },
        path: ['spec', key],
        related: [{ object: first, path: ['metadata', 'name'], message: `${first.kind} "${first.name}" makes Pods of this Service` }],
      });
    }
  },
});
