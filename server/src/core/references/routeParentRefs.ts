import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, integer, list, record, text } from './fields';
import { GATEWAY_GROUP, isRoute } from './routeBackendRefs';

/** A parentRef of a Gateway API route that names a Gateway (`group: gateway.networking.k8s.io`, `kind: Gateway`, the defaults). */
export interface RouteGatewayRef {
  /** Path to the parentRef mapping. */
  readonly path: ValuePath;
  /** `spec.parentRefs[0]`, for messages. */
  readonly field: string;
  readonly name?: string;
  /** `namespace` of the ref, else the route's own. */
  readonly namespace: string;
  readonly namespaceWritten: boolean;
  /** The listener's name. */
  readonly sectionName?: string;
  /** A listener's port. */
  readonly port?: number;
}

/** A listener of a Gateway, with who may attach to it. */
export interface GatewayListener {
  readonly index: number;
  readonly name?: string;
  readonly port?: number;
  /** `allowedRoutes.namespaces.from`: Same by default. */
  readonly from: string;
  readonly fromWritten: boolean;
  /** `allowedRoutes.kinds` as written (the group defaults to gateway.networking.k8s.io); undefined when left to the protocol. */
  readonly kinds?: readonly { readonly group: string; readonly kind: string }[];
}

export function isGateway(object: ManifestObject): boolean {
  return object.kind === 'Gateway' && object.apiVersion.startsWith(`${GATEWAY_GROUP}/`);
}

/** The parentRefs of a route that name Gateways; a Service parent (a mesh route) or another kind is left alone. */
export function routeGatewayRefs(route: ManifestObject): RouteGatewayRef[] {
  if (!isRoute(route)) return [];
  const refs: RouteGatewayRef[] = [];
  list(at(route.body, 'spec', 'parentRefs')).forEach((item, index) => {
    const ref = record(item);
    if (!ref) return;
    const group = ref.group ?? GATEWAY_GROUP;
    const kind = ref.kind ?? 'Gateway';
    if (group !== GATEWAY_GROUP || kind !== 'Gateway') return;
    const namespace = text(ref.namespace);
    refs.push({
      path: ['spec', 'parentRefs', index],
      field: `spec.parentRefs[${index}]`,
      name: text(ref.name),
      namespace: namespace ?? route.namespace,
      namespaceWritten: namespace !== undefined,
      sectionName: text(ref.sectionName),
      port: integer(ref.port),
    });
  });
  return refs;
}

export function gatewayListeners(gateway: ManifestObject): GatewayListener[] {
  return list(at(gateway.body, 'spec', 'listeners')).flatMap((item, index) => {
    const listener = record(item);
    if (!listener) return [];
    const written = text(at(listener, 'allowedRoutes', 'namespaces', 'from'));
    const writtenKinds = at(listener, 'allowedRoutes', 'kinds');
    const kinds = Array.isArray(writtenKinds)
      ? writtenKinds.flatMap((entry) => {
          const kind = text(at(entry, 'kind'));
          const group = at(entry, 'group');
          return kind ? [{ kind, group: typeof group === 'string' ? group : GATEWAY_GROUP }] : [];
        })
      : undefined;
    return [{ index, name: text(listener.name), port: integer(listener.port), from: written ?? 'Same', fromWritten: written !== undefined, kinds }];
  });
}

/** The listeners a parentRef attaches to: the one its sectionName names and with its port, or every one. */
export function listenersFor(ref: RouteGatewayRef, listeners: readonly GatewayListener[]): GatewayListener[] {
  return listeners.filter((listener) => (ref.sectionName === undefined || listener.name === ref.sectionName) && (ref.port === undefined || listener.port === ref.port));
}
