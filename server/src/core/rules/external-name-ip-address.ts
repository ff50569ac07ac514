import { parseIp } from '../model/ip';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'external-name-ip-address',
    description: 'An ExternalName Service whose externalName is an IPv4 address: the API accepts it as a DNS name, but CoreDNS serves ExternalName only as a CNAME to a host name and answers NXDOMAIN.',
    remediation: 'Use a host name in externalName, or for a fixed IP use a Service without selector plus an EndpointSlice holding that address.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      ipAddress: 'externalName "{{value}}" is an IP address; CoreDNS answers NXDOMAIN for {{name}}.{{namespace}}.svc.{{zone}}, because an ExternalName is published only as a CNAME to a host name.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: legacy-db}\nspec:\n  type: ExternalName\n  externalName: 192.0.2.10',
      right: 'kind: Service\nmetadata: {name: legacy-db}\nspec:\n  ports: [{port: 5432}]\n---\nkind: EndpointSlice\nmetadata:\n  name: legacy-db\n  labels: {kubernetes.io/service-name: legacy-db}\naddressType: IPv4\nports: [{port: 5432}]\nendpoints: [{addresses: ["192.0.2.10"]}]',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    const value = service?.externalName;
    // an IPv6 address is no DNS-1123 subdomain, so the API rejects it (service-external-name-invalid)
    if (!service || service.type !== 'ExternalName' || !value || parseIp(value.replace(/\.$/, ''))?.family !== 'IPv4') return;
    context.report({ messageId: 'ipAddress', data: { value, name: service.name, namespace: service.namespace, zone: context.settings.clusterDomain }, path: ['spec', 'externalName'] });
  },
});
