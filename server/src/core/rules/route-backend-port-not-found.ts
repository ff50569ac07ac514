import { hasPlaceholder } from '../placeholders';
import { ROUTE_KINDS, routeServiceRefs } from '../references/routeBackendRefs';
import { describePorts, lookUpPortNumber } from '../references/servicePorts';
import { replaceFix } from './replaceFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'route-backend-port-not-found',
    description: "A Gateway API route `backendRef` whose `port` is not a port of the Service it names (a Service's `spec.ports[].port`, not its targetPort); ExternalName Services are left to the implementation.",
    remediation: 'Set backendRefs[].port to a spec.ports[].port of the Service, not the targetPort behind it.',
    severity: 'error',
    kinds: [...ROUTE_KINDS],
    scope: 'cluster',
    messages: {
      notFound: '{{field}}.port {{port}} is not a port of Service "{{namespace}}/{{service}}" (its ports: {{ports}}), so this backend gets no traffic.',
      isTarget: '{{field}}.port {{port}} is the targetPort of Service "{{namespace}}/{{service}}" port {{servicePort}}; a backendRef names the Service port, not the container port behind it.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: store}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n---\nkind: HTTPRoute\nspec:\n  rules:\n  - backendRefs:\n    - {name: store, port: 8080}',
      right: 'kind: Service\nmetadata: {name: store}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n---\nkind: HTTPRoute\nspec:\n  rules:\n  - backendRefs:\n    - {name: store, port: 80}',
    },
  },
  check(context, route) {
    for (const ref of routeServiceRefs(route)) {
      if (!ref.name || ref.port === undefined || hasPlaceholder(ref.name) || hasPlaceholder(ref.namespace)) continue;
      const service = context.model.service(ref.namespace, ref.name);
      if (!service) continue;
      const path = [...ref.path, 'port'];
      const data = { field: ref.field, port: ref.port, service: service.name, namespace: service.namespace, ports: describePorts(service) };
      const lookup = lookUpPortNumber(service, ref.port);
      if ('found' in lookup || 'externalName' in lookup) continue;
      const related = [{ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }];
      if ('targetOf' in lookup && lookup.targetOf.port !== undefined) {
        const servicePort = lookup.targetOf.port;
        context.report({ messageId: 'isTarget', data: { ...data, servicePort }, path, related, fix: replaceFix(route, path, String(servicePort), `Use Service port ${servicePort}`) });
      } else context.report({ messageId: 'notFound', data, path, related });
    }
  },
});
