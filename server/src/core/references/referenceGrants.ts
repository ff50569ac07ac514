import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { holdsPlaceholder } from '../placeholders';
import { at, list, record } from './fields';
import { GATEWAY_GROUP } from './routeBackendRefs';

/**
 * Whether a ReferenceGrant of the target namespace lets this route reference that Service (Gateway
 * API, GEP-709): one grant must list the route in `from` (group gateway.networking.k8s.io, the
 * route's kind and namespace, all three exact) and the Service in `to` (group "", kind Service, and
 * either no name or this name). Same-namespace references need no grant.
 */
export function referenceGranted(model: ClusterModel, route: ManifestObject, namespace: string, service: string): boolean {
  if (namespace === route.namespace) return true;
  return grantsIn(model, namespace).some((grant) => {
    // a grant with placeholders may allow it once substituted: silence rather than a false error
    if (holdsPlaceholder(grant.body?.spec)) return true;
    const from = list(at(grant.body, 'spec', 'from')).map(record);
    const to = list(at(grant.body, 'spec', 'to')).map(record);
    return from.some((peer) => peer?.group === GATEWAY_GROUP && peer.kind === route.kind && peer.namespace === route.namespace)
      && to.some((target) => (target?.group ?? '') === '' && target?.kind === 'Service' && (target.name === undefined || target.name === '' || target.name === service));
  });
}

export function grantsIn(model: ClusterModel, namespace: string): readonly ManifestObject[] {
  return model.objectsOfKind('ReferenceGrant').filter((grant) => grant.namespace === namespace && grant.apiVersion.startsWith(`${GATEWAY_GROUP}/`));
}

/** Whether the workspace declares any ReferenceGrant: then it evidently manages them, and a missing one is a finding. */
export function workspaceDeclaresGrants(model: ClusterModel): boolean {
  return model.objectsOfKind('ReferenceGrant').length > 0;
}
