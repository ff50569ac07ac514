import { cidrList } from '../model/clusterModel';
import { cidrContains, parseIp } from '../model/ip';
import { declaredClusterIps } from './duplicateServiceFields';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'cluster-ip-outside-service-cidr',
    description: "A declared clusterIP outside the cluster's service CIDR (setting serviceCIDR, the API server's --service-cluster-ip-range) is rejected when the Service is created.",
    remediation: 'Pick a clusterIP inside the service CIDR, leave it out to have one allocated, or set serviceCIDR to the range your cluster uses.',
    severity: 'warning',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      outside: 'clusterIP {{ip}} is outside the service CIDR {{cidr}}, so the API server rejects it ("the provided IP ({{ip}}) is not in the valid range"); set serviceCIDR if your cluster uses another range.',
    },
    example: {
      wrong: '# serviceCIDR: 10.96.0.0/12\nkind: Service\nspec:\n  clusterIP: 10.0.0.10',
      right: '# serviceCIDR: 10.96.0.0/12\nkind: Service\nspec:\n  clusterIP: 10.96.0.10',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service) return;
    const cidrs = cidrList(context.settings.serviceCIDR);
    for (const { ip, path } of declaredClusterIps(service)) {
      const family = parseIp(ip)?.family;
      if (cidrs.some((cidr) => cidr.family === family && cidrContains(cidr, ip))) continue;
      context.report({ messageId: 'outside', data: { ip, cidr: context.settings.serviceCIDR }, path });
    }
  },
});
