import { canonicalIp } from '../model/ip';
import { declaredClusterIps, sameService } from './duplicateServiceFields';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'duplicate-cluster-ip',
    description: 'Two Services declare the same cluster IP; the API server allocates each IP once, so the second Service is rejected.',
    remediation: 'Give each Service its own clusterIP, or leave clusterIP out and let the cluster allocate one.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      duplicate: 'clusterIP {{ip}} is also declared by Service "{{other}}"; only one of them can be created ("provided IP is already allocated").',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: a}\nspec:\n  clusterIP: 10.96.0.50\n---\nkind: Service\nmetadata: {name: b}\nspec:\n  clusterIP: 10.96.0.50',
      right: 'kind: Service\nmetadata: {name: a}\nspec:\n  clusterIP: 10.96.0.50\n---\nkind: Service\nmetadata: {name: b}\nspec:\n  clusterIP: 10.96.0.51',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service) return;
    for (const { ip, path } of declaredClusterIps(service)) {
      const others = context.model.services().filter((other) => !sameService(other, service) && declaredClusterIps(other).some((candidate) => canonicalIp(candidate.ip) === canonicalIp(ip)));
      if (others.length === 0) continue;
      const other = others[0];
      context.report({
        messageId: 'duplicate',
        data: { ip, other: other.namespace === service.namespace ? other.name : `${other.namespace}/${other.name}` },
        path,
        related: others.map((candidate) => ({ object: candidate.object, path: declaredClusterIps(candidate).find((entry) => canonicalIp(entry.ip) === canonicalIp(ip))!.path, message: `Service "${candidate.name}" declares ${ip} too` })),
      });
    }
  },
});
