import { hasPlaceholder } from '../placeholders';
import { grantsIn, referenceGranted, workspaceDeclaresGrants } from '../references/referenceGrants';
import { isMeshRoute, ROUTE_KINDS, routeServiceRefs } from '../references/routeBackendRefs';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'route-backend-ref-not-permitted',
    description: 'A Gateway API route `backendRef` to a Service of another namespace that no ReferenceGrant of that namespace allows: the route reports RefNotPermitted and the backend gets no traffic. Checked when the workspace declares ReferenceGrants or the Service; service mesh (GAMMA) routes, whose parent is a Service, are not.',
    remediation: 'Add a ReferenceGrant in the Service\'s namespace with from: {group: gateway.networking.k8s.io, kind: <the route kind>, namespace: <the route namespace>} and to: {group: "", kind: Service}, optionally with the Service name.',
    severity: 'error',
    kinds: [...ROUTE_KINDS],
    scope: 'cluster',
    messages: {
      notPermitted: '{{field}} references Service "{{namespace}}/{{name}}" from namespace "{{from}}", but no ReferenceGrant in namespace "{{namespace}}" allows {{kind}}s of namespace "{{from}}" to reference it, so the route reports RefNotPermitted and this backend gets no traffic.',
    },
    example: {
      wrong: 'kind: HTTPRoute\nmetadata: {namespace: gateway}\nspec:\n  rules:\n  - backendRefs:\n    - {name: store, namespace: shop, port: 80}\n---\nkind: Service\nmetadata: {name: store, namespace: shop}',
      right: 'kind: HTTPRoute\nmetadata: {namespace: gateway}\nspec:\n  rules:\n  - backendRefs:\n    - {name: store, namespace: shop, port: 80}\n---\nkind: ReferenceGrant\nmetadata: {name: gateway-routes, namespace: shop}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: gateway}]\n  to: [{group: "", kind: Service}]',
    },
  },
  check(context, route) {
    const { model } = context;
    if (isMeshRoute(route)) return;
    for (const ref of routeServiceRefs(route)) {
      if (!ref.name || ref.namespace === route.namespace || hasPlaceholder(ref.name) || hasPlaceholder(ref.namespace) || hasPlaceholder(route.namespace)) continue;
      // grants are often applied by another team: speak only where the workspace shows its hand
      const service = model.service(ref.namespace, ref.name);
      if (!service && !workspaceDeclaresGrants(model)) continue;
      if (referenceGranted(model, route, ref.namespace, ref.name)) continue;
      const grants = grantsIn(model, ref.namespace);
      context.report({
        messageId: 'notPermitted',
        data: { field: ref.field, name: ref.name, namespace: ref.namespace, from: route.namespace, kind: route.kind },
        path: ref.namespaceWritten ? [...ref.path, 'namespace'] : [...ref.path, 'name'],
        related: grants.slice(0, 3).map((grant) => ({ object: grant, path: ['spec'], on: 'key' as const, message: `ReferenceGrant "${grant.name}" does not allow it` })),
      });
    }
  },
});
