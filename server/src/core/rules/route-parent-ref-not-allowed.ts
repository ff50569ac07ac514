import { hasPlaceholder, holdsPlaceholder } from '../placeholders';
import { GATEWAY_GROUP, ROUTE_KINDS } from '../references/routeBackendRefs';
import { gatewayListeners, isGateway, listenersFor, routeGatewayRefs, type GatewayListener } from '../references/routeParentRefs';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'route-parent-ref-not-allowed',
    description: "A Gateway API route attached (by `parentRefs`) to a Gateway whose listeners do not allow it: a route of another namespace where `allowedRoutes.namespaces.from` is Same (the default), or a route kind missing from `allowedRoutes.kinds`. The route is not accepted (NotAllowedByListeners). Namespaces chosen by a `Selector` are not judged: their labels may be set outside the workspace.",
    remediation: "Set the listener's allowedRoutes.namespaces.from to All, or to Selector with a selector matching the route's namespace, or move the route into the Gateway's namespace; add the route's kind to allowedRoutes.kinds.",
    severity: 'error',
    kinds: [...ROUTE_KINDS],
    scope: 'cluster',
    messages: {
      namespace: '{{field}} names Gateway "{{gateway}}" of namespace "{{namespace}}", but {{listeners}} only allow{{s}} routes of namespace "{{namespace}}" (allowedRoutes.namespaces.from: Same{{defaulted}}), so this {{kind}} of namespace "{{routeNamespace}}" is not accepted (NotAllowedByListeners).',
      kind: '{{field}} names Gateway "{{gateway}}", but {{listeners}} only allow{{s}} {{kinds}} (allowedRoutes.kinds), so this {{kind}} is not accepted (NotAllowedByListeners).',
      mixed: '{{field}} names Gateway "{{gateway}}", but none of {{listeners}} allows this {{kind}} of namespace "{{routeNamespace}}" (by allowedRoutes.namespaces or allowedRoutes.kinds), so it is not accepted (NotAllowedByListeners).',
    },
    example: {
      wrong: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web, namespace: infra}\nspec:\n  gatewayClassName: example\n  listeners:\n  - {name: http, protocol: HTTP, port: 80}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: shop}\nspec:\n  parentRefs: [{name: web, namespace: infra}]',
      right: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web, namespace: infra}\nspec:\n  gatewayClassName: example\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n    allowedRoutes:\n      namespaces: {from: All}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: shop}\nspec:\n  parentRefs: [{name: web, namespace: infra}]',
    },
  },
  check(context, route) {
    for (const ref of routeGatewayRefs(route)) {
      if (!ref.name || hasPlaceholder(ref.name) || hasPlaceholder(ref.namespace) || hasPlaceholder(route.namespace)) continue;
      const gateways = context.model.objectsNamed('Gateway', ref.namespace, ref.name).filter(isGateway);
      if (gateways.length === 0 || gateways.some((gateway) => holdsPlaceholder(gateway.body?.spec))) continue;
      // a route whose namespace a kustomization may set could land in the Gateway's
      const crossNamespace = ref.namespace !== route.namespace && route.namespaceDeclared;
      const refusals = gateways.map((gateway) => {
        const candidates = listenersFor(ref, gatewayListeners(gateway));
        return candidates.map((listener) => refusal(listener, crossNamespace, route.kind));
      });
      // no listener matched (route-parent-ref-not-found), or one definition of the Gateway allows it
      if (refusals.some((reasons) => reasons.length === 0 || reasons.includes(undefined))) continue;
      const candidates = listenersFor(ref, gatewayListeners(gateways[0]));
      const reasons = new Set(refusals[0]);
      const listeners = candidates.length === 1 ? `listener "${candidates[0].name ?? '?'}"` : `its listeners ${candidates.map((listener) => `"${listener.name ?? '?'}"`).join(', ')}`;
      const s = candidates.length === 1 ? 's' : '';
      const data = { field: ref.field, gateway: ref.name, namespace: ref.namespace, routeNamespace: route.namespace, kind: route.kind, listeners, s };
      if (reasons.size === 1 && reasons.has('namespace')) {
        const defaulted = candidates.every((listener) => !listener.fromWritten) ? ', the default' : '';
        context.report({ messageId: 'namespace', data: { ...data, defaulted }, path: [...ref.path, 'namespace'], related: [{ object: gateways[0], path: ['spec', 'listeners', candidates[0].index], message: `listener "${candidates[0].name ?? '?'}" of Gateway "${ref.name}"` }] });
      } else if (reasons.size === 1 && reasons.has('kind')) {
        const kinds = [...new Set(candidates.flatMap((listener) => (listener.kinds ?? []).map((entry) => entry.kind)))].join(', ');
        context.report({ messageId: 'kind', data: { ...data, kinds }, path: [...ref.path, 'name'], related: [{ object: gateways[0], path: ['spec', 'listeners', candidates[0].index, 'allowedRoutes', 'kinds'], on: 'key', message: `the route kinds listener "${candidates[0].name ?? '?'}" allows` }] });
      } else {
        context.report({ messageId: 'mixed', data, path: [...ref.path, 'name'] });
      }
    }
  },
});

/** Why a listener refuses the route, or undefined when it may accept it (a Selector is never judged). */
function refusal(listener: GatewayListener, crossNamespace: boolean, kind: string): 'namespace' | 'kind' | undefined {
  if (crossNamespace && listener.from === 'Same') return 'namespace';
  // no kinds, or an empty list: the kinds follow from the protocol (not judged)
  if (listener.kinds && listener.kinds.length > 0 && !listener.kinds.some((entry) => entry.kind === kind && entry.group === GATEWAY_GROUP)) return 'kind';
  return undefined;
}
