import type { CodeLens } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import { serviceId } from '../core/map/buildServiceMap';
import { COMMANDS, type ShowEndpointsArguments, type ShowServiceMapArguments } from '../protocol';
import { serviceFqdn } from './dnsNames';
import { locationOf, namedObjectReferences } from './navigation';
import { isNamedKind, placesNaming } from './objectReferences';

/**
 * Above each Service: `3 endpoints · web.default.svc.cluster.local`, which lists the endpoints, and
 * `service map`, which opens the map of its namespace on it. Above each IngressClass, Gateway,
 * ConfigMap and Secret: `2 references · Ingress, Deployment`, which lists the fields that name it.
 */
export function codeLenses(model: ClusterModel, uri: string): CodeLens[] {
  const entry = model.file(uri);
  if (!entry) return [];
  const lenses: CodeLens[] = [];
  for (const object of entry.objects) {
    if (isNamedKind(object)) {
      const places = placesNaming(model, object);
      const at = locationOf(model, object);
      const kinds = [...new Set(places.map((place) => place.object.kind))].sort().join(', ');
      const args: ShowEndpointsArguments = [uri, at.range.start, namedObjectReferences(model, object, false)];
      lenses.push({ range: at.range, command: { title: `${places.length} reference${places.length === 1 ? '' : 's'}${kinds ? ` · ${kinds}` : ''}`, command: COMMANDS.showEndpoints, arguments: args } });
      continue;
    }
    const service = object.kind === 'Service' ? model.serviceOf(object) : undefined;
    if (!service) continue;
    const at = locationOf(model, object);
    const backends = model.backendsOf(service);
    const count = backends.endpoints.length;
    const what = service.type === 'ExternalName' ? `CNAME → ${service.externalName ?? '?'}` : `${count} endpoint${count === 1 ? '' : 's'}`;
    const sources = [...new Set(backends.endpoints.map((endpoint) => endpoint.source))];
    const args: ShowEndpointsArguments = [uri, at.range.start, sources.map((source) => locationOf(model, source))];
    lenses.push({ range: at.range, command: { title: `${what} · ${serviceFqdn(model, service)}`, command: COMMANDS.showEndpoints, arguments: args } });
    const mapArgs: ShowServiceMapArguments = [uri, serviceId(service.namespace, service.name), service.namespace];
    lenses.push({ range: at.range, command: { title: 'service map', command: COMMANDS.showServiceMap, arguments: mapArgs } });
  }
  return lenses;
}
