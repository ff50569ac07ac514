import type { ClusterModel } from '../core/model/clusterModel';
import type { ManifestObject } from '../core/model/manifestObject';
import { POD_TEMPLATE_PATHS } from '../core/model/podView';
import { configSourceRefsOf } from '../core/references/configSources';
import { ingressClassRefOf } from '../core/references/ingressClass';
import { ROUTE_KINDS } from '../core/references/routeBackendRefs';
import { isGateway, routeGatewayRefs } from '../core/references/routeParentRefs';
import type { ValuePath } from '../core/yaml/sourceLocator';

/** The kinds whose objects other objects name, besides Services: find references and a CodeLens list who names them. */
export const NAMED_KINDS = ['IngressClass', 'Gateway', 'ConfigMap', 'Secret'] as const;

export function isNamedKind(object: ManifestObject): boolean {
  return (NAMED_KINDS as readonly string[]).includes(object.kind) && (object.kind !== 'Gateway' || isGateway(object));
}

/**
 * The fields that name this IngressClass (Ingress `ingressClassName`), Gateway (route `parentRefs`),
 * ConfigMap or Secret (Pod templates' `envFrom`, env `valueFrom`, volumes, `imagePullSecrets`); a
 * Secret is also named through what writes it (a Certificate's `secretName`).
 */
export function placesNaming(model: ClusterModel, target: ManifestObject): { readonly object: ManifestObject; readonly path: ValuePath }[] {
  const places: { object: ManifestObject; path: ValuePath }[] = [];
  switch (target.kind) {
    case 'IngressClass':
      for (const ingress of model.objectsOfKind('Ingress')) {
        const ref = ingressClassRefOf(ingress);
        if (ref?.name === target.name) places.push({ object: ingress, path: ref.path });
      }
      break;
    case 'Gateway':
      for (const kind of ROUTE_KINDS) {
        for (const route of model.objectsOfKind(kind)) {
          for (const ref of routeGatewayRefs(route)) if (ref.name === target.name && ref.namespace === target.namespace) places.push({ object: route, path: [...ref.path, 'name'] });
        }
      }
      break;
    case 'ConfigMap':
    case 'Secret':
      for (const kind of Object.keys(POD_TEMPLATE_PATHS)) {
        for (const object of model.objectsOfKind(kind)) {
          if (object.namespace !== target.namespace) continue;
          for (const ref of configSourceRefsOf(object)) if (ref.kind === target.kind && ref.name === target.name) places.push({ object, path: ref.path });
        }
      }
      break;
  }
  return places;
}
