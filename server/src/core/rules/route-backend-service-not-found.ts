import { ROUTE_KINDS, routeServiceRefs } from '../references/routeBackendRefs';
import { namesServiceInOwnFile, reportMissingService } from './missingService';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'route-backend-service-not-found',
    description: 'A Gateway API route (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute, UDPRoute) `backendRef` to a Service that does not exist in its namespace (the route\'s own unless the ref names one): the route reports BackendNotFound.',
    remediation: 'Name an existing Service in backendRefs[].name, and set backendRefs[].namespace when the Service lives in another namespace than the route.',
    severity: 'warning',
    kinds: [...ROUTE_KINDS],
    scope: 'cluster',
    messages: {
      noService: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}", so the route reports BackendNotFound and this backend gets no traffic (HTTP routes answer 500).',
      didYouMean: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then the route reports BackendNotFound.',
      otherNamespace: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}", only in {{others}}; set backendRefs[].namespace (and a ReferenceGrant there) to reach it.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: store}\nspec:\n  ports: [{port: 8080}]\n---\nkind: HTTPRoute\nspec:\n  rules:\n  - backendRefs:\n    - {name: stores, port: 8080}',
      right: 'kind: Service\nmetadata: {name: store}\nspec:\n  ports: [{port: 8080}]\n---\nkind: HTTPRoute\nspec:\n  rules:\n  - backendRefs:\n    - {name: store, port: 8080}',
    },
  },
  check(context, route) {
    const refs = routeServiceRefs(route);
    for (const ref of refs) {
      if (!ref.name) continue;
      const written = ref.namespaceWritten || route.namespaceDeclared;
      const evident = namesServiceInOwnFile(context, route, refs.filter((other) => other.name !== ref.name || other.namespace !== ref.namespace));
      reportMissingService(context, route, [...ref.path, 'name'], ref.name, ref.namespace, written, evident, { field: ref.field }, (closest) => `Change the backendRef to "${closest}"`);
    }
  },
});
