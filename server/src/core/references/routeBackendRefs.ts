import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, integer, list, record, text } from './fields';

/** The Gateway API route kinds whose `spec.rules[].backendRefs[]` forward traffic to backends. */
export const ROUTE_KINDS = ['GRPCRoute', 'HTTPRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'] as const;

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** A backendRef to a core Service (`group: ""`, `kind: Service`, the defaults). */
export interface RouteServiceRef {
  /** Path to the backendRef mapping. */
  readonly path: ValuePath;
  /** `spec.rules[0].backendRefs[1]`, for messages. */
  readonly field: string;
  readonly name?: string;
  /** `namespace` of the ref, else the route's own. */
  readonly namespace: string;
  readonly namespaceWritten: boolean;
  /** A port of the Service (not its target port). */
  readonly port?: number;
}

export function isRoute(object: ManifestObject): boolean {
  return (ROUTE_KINDS as readonly string[]).includes(object.kind) && object.apiVersion.startsWith(`${GATEWAY_GROUP}/`);
}

/** The backendRefs of a route that name Services; refs to other kinds (a custom backend) are left alone. */
export function routeServiceRefs(route: ManifestObject): RouteServiceRef[] {
  if (!isRoute(route)) return [];
  const refs: RouteServiceRef[] = [];
  list(at(route.body, 'spec', 'rules')).forEach((rule, ruleIndex) => {
    list(at(rule, 'backendRefs')).forEach((item, refIndex) => {
      const ref = record(item);
      if (!ref) return;
      const group = ref.group ?? '';
      const kind = ref.kind ?? 'Service';
      if (group !== '' || kind !== 'Service') return;
      const namespace = text(ref.namespace);
      refs.push({
        path: ['spec', 'rules', ruleIndex, 'backendRefs', refIndex],
        field: `spec.rules[${ruleIndex}].backendRefs[${refIndex}]`,
        name: text(ref.name),
        namespace: namespace ?? route.namespace,
        namespaceWritten: namespace !== undefined,
        port: integer(ref.port),
      });
    });
  });
  return refs;
}

/**
 * A GAMMA (service mesh) route: one whose parentRefs name Services rather than Gateways. A consumer
 * route of this kind routes to its producer's namespace, and mesh implementations do not ask for a
 * ReferenceGrant there (the conformance suite's MeshConsumerRoute has none).
 */
export function isMeshRoute(route: ManifestObject): boolean {
  const parents = list(at(route.body, 'spec', 'parentRefs')).map(record);
  return parents.length > 0 && parents.some((parent) => parent?.kind === 'Service' && (parent.group ?? '') === '');
}
