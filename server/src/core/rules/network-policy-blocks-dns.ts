import { podTemplateOf } from '../model/podView';
import { clusterDnsPods } from '../policy/clusterDns';
import { evaluateDirection, policiesSelecting } from '../policy/evaluatePolicies';
import { podEndpoint } from '../policy/policyEndpoint';
import { podsMadeBy } from './podsMadeBy';
import { defineRule } from './types';

/** dnsPolicies whose resolv.conf names the cluster DNS (ClusterFirstWithHostNet acts as ClusterFirst off the host network). */
const CLUSTER_DNS_POLICIES = new Set([undefined, 'ClusterFirst', 'ClusterFirstWithHostNet']);

export default defineRule({
  meta: {
    id: 'network-policy-blocks-dns',
    description: 'A Pod that resolves names through the cluster DNS (`dnsPolicy: ClusterFirst`, the default) while the NetworkPolicies selecting it for Egress allow no UDP 53 to the cluster DNS Pods: every lookup times out.',
    remediation: 'Add an egress rule that allows UDP and TCP port 53 to the cluster DNS Pods (namespaceSelector `kubernetes.io/metadata.name: kube-system` with podSelector `k8s-app: kube-dns`), for example in a NetworkPolicy that selects every Pod of the namespace.',
    severity: 'error',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'cluster',
    messages: {
      blocked: 'NetworkPolicy {{policies}} {{verb}} this Pod for Egress and no rule allows UDP 53 to the cluster DNS Pods{{assumed}}: with dnsPolicy {{dnsPolicy}} every DNS lookup times out.',
    },
    example: {
      wrong: 'kind: NetworkPolicy\nmetadata: {name: default-deny-egress, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n---\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      dnsPolicy: ClusterFirst',
      right: 'kind: NetworkPolicy\nmetadata: {name: allow-dns, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports:\n    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: 53}',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    if (!template || template.spec.hostNetwork) return;
    const dnsPolicy = template.spec.dnsPolicy;
    if (!CLUSTER_DNS_POLICIES.has(dnsPolicy)) return;
    const { model } = context;
    if (model.objectsOfKind('NetworkPolicy').length === 0) return;
    const pod = podsMadeBy(context, object)[0];
    if (!pod) return;
    const source = podEndpoint(pod);
    const policies = policiesSelecting(model, source, 'egress');
    if (policies.length === 0) return;
    const dns = clusterDnsPods(model);
    const blocked = dns.pods.every((destination) => !evaluateDirection(model, { source, destination, port: 53, protocol: 'UDP' }, 'egress').allowed);
    if (!blocked) return;
    const path = dnsPolicy !== undefined ? [...template.templatePath, 'spec', 'dnsPolicy'] : [...template.templatePath, 'spec'];
    context.report({
      messageId: 'blocked',
      data: {
        policies: policies.map((policy) => `"${policy.name}"`).join(', '),
        verb: policies.length === 1 ? 'selects' : 'select',
        assumed: dns.assumed ? ' (kubeadm\'s CoreDNS: kube-system, k8s-app=kube-dns, assumed as the workspace declares none)' : '',
        dnsPolicy: dnsPolicy ?? 'ClusterFirst (the default)',
      },
      path,
      on: dnsPolicy !== undefined ? 'value' : 'key',
      related: policies.map((policy) => ({ object: policy.object, path: ['spec', 'podSelector'], on: 'key' as const, message: `NetworkPolicy "${policy.name}" isolates the Pod's egress` })),
    });
  },
});
