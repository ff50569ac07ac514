import type { ManifestObject } from '../model/manifestObject';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';
import { gatewayListeners, isGateway, routeGatewayRefs, type GatewayListener } from '../references/routeParentRefs';
import { ROUTE_KINDS } from '../references/routeBackendRefs';
import { closestName, closestNamed } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'route-parent-ref-not-found',
    description: 'A Gateway API route `parentRefs` entry naming no Gateway (a near name, one of another namespace, or none while Gateways are written in the same file), or a `sectionName` or `port` that is no listener of the Gateway it names: the route attaches to nothing there and serves no traffic through it.',
    remediation: 'Set parentRefs[].name (and namespace) to a Gateway, sectionName to the name of one of its spec.listeners, and port to that listener\'s port, or leave sectionName and port out to attach to every listener that allows the route.',
    severity: 'warning',
    kinds: [...ROUTE_KINDS],
    scope: 'cluster',
    messages: {
      noGateway: '{{field}}.name "{{name}}" names no Gateway in namespace "{{namespace}}" (the workspace declares {{gateways}}), so this route attaches to nothing there and serves no traffic through it.',
      didYouMean: '{{field}}.name "{{name}}" names no Gateway in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then this route attaches to nothing there.',
      otherNamespace: '{{field}}.name "{{name}}" names no Gateway in namespace "{{namespace}}", only in {{others}}; {{how}}',
      noListener: '{{field}}.sectionName "{{section}}" names no listener of Gateway "{{gateway}}" (its listeners: {{listeners}}), so the route is not accepted there (NoMatchingParent).',
      listenerDidYouMean: '{{field}}.sectionName "{{section}}" names no listener of Gateway "{{gateway}}"; did you mean "{{closest}}"? Until then the route is not accepted there (NoMatchingParent).',
      noPort: '{{field}}.port {{port}} is not the port of {{which}} of Gateway "{{gateway}}" (listener ports: {{ports}}), so the route is not accepted there (NoMatchingParent).',
    },
    example: {
      wrong: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web}\nspec:\n  gatewayClassName: example\n  listeners:\n  - {name: http, protocol: HTTP, port: 80}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop}\nspec:\n  parentRefs:\n  - {name: web, sectionName: https}\n  rules:\n  - backendRefs: [{name: shop, port: 80}]',
      right: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web}\nspec:\n  gatewayClassName: example\n  listeners:\n  - {name: http, protocol: HTTP, port: 80}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop}\nspec:\n  parentRefs:\n  - {name: web, sectionName: http}\n  rules:\n  - backendRefs: [{name: shop, port: 80}]',
    },
  },
  check(context, route) {
    const { model } = context;
    for (const ref of routeGatewayRefs(route)) {
      if (!ref.name || hasPlaceholder(ref.name) || hasPlaceholder(ref.namespace)) continue;
      const field = ref.field;
      const gateways = model.objectsNamed('Gateway', ref.namespace, ref.name).filter(isGateway);
      if (gateways.length === 0) {
        // Gateways are often made by a platform team apart from the routes: judge only a workspace that declares some
        const all = model.objectsOfKind('Gateway').filter(isGateway);
        if (all.length === 0 || all.some((gateway) => hasPlaceholder(gateway.name) || hasPlaceholder(gateway.namespace))) continue;
        const data = { field, name: ref.name, namespace: ref.namespace };
        const namePath = [...ref.path, 'name'];
        const closest = closestNamed(ref.name, all.filter((gateway) => gateway.namespace === ref.namespace));
        if (closest) {
          context.report({ messageId: 'didYouMean', data: { ...data, closest: closest.name }, path: namePath, related: [{ object: closest, path: ['metadata', 'name'], message: `Gateway "${closest.name}" is declared here` }], fix: replaceFix(route, namePath, closest.name, `Change the Gateway to "${closest.name}"`) });
          continue;
        }
        const elsewhere = all.filter((gateway) => gateway.name === ref.name);
        if (elsewhere.length > 0) {
          // a route or Gateway whose namespace a kustomization may set could end up beside the other
          if ((!ref.namespaceWritten && !route.namespaceDeclared) || elsewhere.some((gateway) => !gateway.namespaceDeclared)) continue;
          const others = [...new Set(elsewhere.map((gateway) => `"${gateway.namespace}"`))].sort().join(', ');
          const how = ref.namespaceWritten ? `set ${field}.namespace to the Gateway's namespace.` : `a parentRef without namespace names a Gateway of the route's own namespace: set ${field}.namespace.`;
          context.report({ messageId: 'otherNamespace', data: { ...data, others, how }, path: namePath, related: [{ object: elsewhere[0], path: ['metadata', 'name'], message: `Gateway "${ref.name}" in namespace "${elsewhere[0].namespace}"` }] });
          continue;
        }
        // an example or snippet often names a Gateway it does not show: speak when Gateways are written beside the route
        if (!all.some((gateway) => gateway.file === route.file)) continue;
        const names = [...new Set(all.map((gateway) => `"${gateway.namespace}/${gateway.name}"`))].sort();
        context.report({ messageId: 'noGateway', data: { ...data, gateways: names.length <= 3 ? names.join(', ') : `${names.length} Gateways` }, path: namePath });
        continue;
      }
      if (ref.sectionName === undefined && ref.port === undefined) continue;
      if (gateways.some((gateway) => holdsPlaceholder(gateway.body?.spec))) continue;
      // of a Gateway defined in several files, a listener any of them has is enough
      const listenersOf = gateways.map(gatewayListeners);
      const listeners = listenersOf.flat();
      const gateway = gateways[0].name;
      if (ref.sectionName !== undefined && !hasPlaceholder(ref.sectionName)) {
        const section = ref.sectionName;
        const named = listeners.filter((listener) => listener.name === section);
        if (named.length === 0) {
          const path = [...ref.path, 'sectionName'];
          const closest = closestName(section, listeners.flatMap((listener) => (listener.name ? [listener.name] : [])));
          const data = { field, section, gateway };
          if (closest) context.report({ messageId: 'listenerDidYouMean', data: { ...data, closest }, path, related: related(gateways[0], listenersOf[0], closest), fix: replaceFix(route, path, closest, `Change the listener to "${closest}"`) });
          else context.report({ messageId: 'noListener', data: { ...data, listeners: describeListeners(listeners) }, path, related: [{ object: gateways[0], path: ['spec', 'listeners'], on: 'key', message: `the listeners of Gateway "${gateway}"` }] });
          continue;
        }
        if (ref.port !== undefined && !named.some((listener) => listener.port === ref.port)) {
          context.report({ messageId: 'noPort', data: { field, port: ref.port, which: `listener "${section}"`, gateway, ports: describePorts(named) }, path: [...ref.path, 'port'], related: related(gateways[0], listenersOf[0], section) });
        }
        continue;
      }
      if (ref.port !== undefined && !listeners.some((listener) => listener.port === ref.port)) {
        context.report({ messageId: 'noPort', data: { field, port: ref.port, which: 'any listener', gateway, ports: describePorts(listeners) }, path: [...ref.path, 'port'], related: [{ object: gateways[0], path: ['spec', 'listeners'], on: 'key', message: `the listeners of Gateway "${gateway}"` }] });
      }
    }
  },
});

function related(gateway: ManifestObject, listeners: readonly GatewayListener[], name: string) {
  const listener = listeners.find((candidate) => candidate.name === name);
  return listener ? [{ object: gateway, path: ['spec', 'listeners', listener.index, 'name'], message: `listener "${name}" of Gateway "${gateway.name}"` }] : [];
}

function describeListeners(listeners: readonly GatewayListener[]): string {
  const names = [...new Set(listeners.map((listener) => `"${listener.name ?? '?'}"`))];
  return names.join(', ') || 'none';
}

function describePorts(listeners: readonly GatewayListener[]): string {
  return [...new Set(listeners.map((listener) => String(listener.port ?? '?')))].join(', ') || 'none';
}
