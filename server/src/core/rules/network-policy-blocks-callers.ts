import { parseConnectTarget } from '../connect/connectTarget';
import { connectThroughService, type BackendResult } from '../connect/simulateConnection';
import type { LabelSelector } from '../model/schemas/workload';
import { NAMESPACE_NAME_LABEL } from '../policy/namespaceLabels';
import type { Direction, NetworkPolicyView } from '../policy/networkPolicy';
import { lookUpConfiguredHost } from './configuredHostLookup';
import { configuredHostOrigins, CONFIGURING_KINDS } from './configuredHostsWithPod';
import { defineRule, type RuleContext } from './types';

export default defineRule({
  meta: {
    id: 'network-policy-blocks-callers',
    description: 'A workload configured to call a Service (a host in its `env`, `args`, `command` or a ConfigMap it reads that resolves to the Service, with a port of it) while the NetworkPolicies deny that connection to every ready backend — the caller\'s egress or the backends\' ingress: the call can never succeed. Judged only when the policies are in the same apply unit and nothing they depend on is unknown (labels of undeclared Namespaces, ipBlocks against simulated addresses); one finding per caller and Service, naming the deciding policy.',
    remediation: 'Add a rule that allows the caller to the backends\' target port: an ingress `from` entry selecting the caller\'s Pods (with a namespaceSelector when it is in another namespace) in a policy that selects the backends, or an egress `to` entry for the backends in a policy that selects the caller.',
    severity: 'warning',
    kinds: CONFIGURING_KINDS,
    scope: 'cluster',
    messages: {
      ingress: '{{field}}: {{caller}} calls Service "{{service}}" on port {{port}}, but NetworkPolicy {{policies}} {{verb}} its {{count}} for Ingress and no rule allows {{targetPort}}/{{protocol}} from the Pods of {{caller}}: every connection is dropped.',
      egress: '{{field}}: {{caller}} calls Service "{{service}}" on port {{port}}, but NetworkPolicy {{policies}} {{verb}} the Pods of {{caller}} for Egress and no rule allows {{targetPort}}/{{protocol}} to any of the Service\'s {{count}}: every connection is dropped.',
    },
    example: {
      wrong: 'kind: NetworkPolicy\nmetadata: {name: cart-ingress, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: cart}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: checkout}}}]\n---\nkind: Deployment\nmetadata: {name: frontend, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: frontend\n        env: [{name: CART_ADDR, value: "cart:7070"}]',
      right: 'kind: NetworkPolicy\nmetadata: {name: cart-ingress, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: cart}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: checkout}}\n    - podSelector: {matchLabels: {app: frontend}}',
    },
  },
  check(context, object) {
    const { model } = context;
    if (model.objectsOfKind('NetworkPolicy').length === 0) return;
    const done = new Set<string>();
    for (const configured of configuredHostOrigins(context, object)) {
      const pod = configured.pod;
      // a ConfigMap nobody in the unit reads has no known caller
      if (!pod || pod.template.spec.hostNetwork) continue;
      for (const host of configured.hosts) {
        // a key of a ConfigMap mounted whole is not surely one the program connects to
        if (object.kind === 'ConfigMap' && !configured.named?.(host)) continue;
        const lookup = lookUpConfiguredHost(context, configured, host.host);
        const service = lookup.kind === 'resolved' ? lookup.service : undefined;
        if (!service || service.headless || service.type === 'ExternalName' || !service.selector) continue;
        const key = `${pod.template.owner.kind}/${pod.template.owner.name}\u0000${service.namespace}/${service.name}`;
        if (done.has(key)) continue;
        const port = host.port ?? schemePort(host.scheme) ?? (service.ports.length === 1 ? service.ports[0].port : undefined);
        if (port === undefined) continue;
        const target = { text: host.written, host: host.host, port, portFromScheme: host.port === undefined, scheme: host.scheme };
        const simulation = connectThroughService(model, pod, service, target);
        if (simulation.verdict !== 'egress-denied' && simulation.verdict !== 'ingress-denied') continue;
        const direction: Direction = simulation.verdict === 'egress-denied' ? 'egress' : 'ingress';
        const judged = simulation.backends.filter((backend) => backend.verdict);
        if (judged.length === 0 || judged.some((backend) => uncertain(context, backend, direction, pod.namespace))) continue;
        const deciding = judged[0].verdict![direction];
        const policy = deciding.decidedBy?.policy;
        if (!policy || judged[0].port === undefined) continue;
        done.add(key);
        const caller = pod.template.owner;
        // alternatives of one policy count once
        const policyNames = [...new Set(deciding.policies.map((candidate) => `${candidate.namespace}/${candidate.name}`))];
        context.report({
          messageId: direction,
          data: {
            field: host.field, caller: `${caller.kind} "${caller.name}"`, service: `${service.namespace}/${service.name}`, port,
            policies: policyNames.map((name) => `"${name}"`).join(', '), verb: policyNames.length === 1 ? 'selects' : 'select',
            count: `${judged.length} backend Pod${judged.length === 1 ? '' : 's'}`, targetPort: judged[0].port, protocol: simulation.protocol,
          },
          path: host.path,
          part: host.written,
          related: [{ object: policy.object, path: ['spec', 'podSelector'], on: 'key', message: `NetworkPolicy "${policy.name}" decides the ${direction}` }],
        });
      }
    }
  },
});

function schemePort(scheme: string | undefined): number | undefined {
  if (!scheme) return undefined;
  const parsed = parseConnectTarget(`${scheme}://host`);
  return typeof parsed === 'object' && typeof parsed.port === 'number' ? parsed.port : undefined;
}

/**
 * True when the denial rests on what the manifests do not say: a namespaceSelector on labels of a
 * Namespace the unit does not declare, or an ipBlock judged against a simulated address.
 */
function uncertain(context: Pick<RuleContext, 'model'>, backend: BackendResult, direction: Direction, callerNamespace: string): boolean {
  const verdict = backend.verdict![direction];
  // the namespace whose labels a namespaceSelector is matched against: the other end's
  const otherNamespace = direction === 'egress' ? backend.pod?.namespace : callerNamespace;
  const declared = otherNamespace !== undefined && context.model.objectsOfKind('Namespace').some((namespace) => namespace.name === otherNamespace);
  return verdict.policies.some((policy: NetworkPolicyView) => (direction === 'egress' ? policy.egress : policy.ingress).some((rule) => (rule.peers ?? []).some((peer) => {
    if (peer.ipBlock) return true;
    return peer.namespaceSelector !== undefined && !usesOnlyNameLabel(peer.namespaceSelector) && !declared;
  })));
}

function usesOnlyNameLabel(selector: LabelSelector): boolean {
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((expression) => expression.key)];
  return keys.every((key) => key === NAMESPACE_NAME_LABEL);
}
