import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'external-name-ignored-fields',
    description: 'An ExternalName Service is only a DNS CNAME: a selector on it selects nothing and gets no endpoints, and its ports are not proxied and publish no SRV records.',
    remediation: 'Remove the selector (and the ports, unless a tool such as an ingress controller reads them), or use a ClusterIP Service if the selected Pods are the backends.',
    severity: 'info',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      selector: 'selector is ignored on an ExternalName Service: the endpoints controller gives ExternalName Services no endpoints; DNS answers only the CNAME to "{{externalName}}".',
      ports: 'ports of an ExternalName Service are not proxied and publish no SRV records; clients connect to "{{externalName}}" on whatever port they use.',
    },
    example: {
      wrong: 'kind: Service\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector: {app: db}',
      right: 'kind: Service\nspec:\n  type: ExternalName\n  externalName: db.example.com',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service || service.type !== 'ExternalName') return;
    const data = { externalName: service.externalName ?? '' };
    if (service.selector) context.report({ messageId: 'selector', data, path: ['spec', 'selector'], on: 'key' });
    if (service.ports.length > 0) context.report({ messageId: 'ports', data, path: ['spec', 'ports'], on: 'key' });
  },
});
