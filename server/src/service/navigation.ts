import type { Location } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import { handWrittenEndpoints, SERVICE_NAME_LABEL } from '../core/model/computeBackends';
import { matchesLabelSelector } from '../core/model/labelSelector';
import type { ManifestObject } from '../core/model/manifestObject';
import { podTemplateOf, POD_TEMPLATE_PATHS } from '../core/model/podView';
import { labelSelectorSchema } from '../core/model/schemas/workload';
import type { ServiceView } from '../core/model/serviceView';
import { locatePlace } from '../core/rules/runRules';
import type { ValuePath } from '../core/yaml/sourceLocator';
import { isNamedKind, placesNaming } from './objectReferences';
import { pathIs, placeAt, startsWith } from './objectAt';
import { spanToRange } from './positions';
import { placesReferringTo, referenceAt, type ReferenceAt } from './serviceReferenceAt';

/** The location of a path of an object (the whole document when the path is missing). */
export function locationOf(model: ClusterModel, object: ManifestObject, path: ValuePath = ['metadata', 'name']): Location {
  const place = locatePlace(model, { object, path });
  const text = model.file(object.file)?.text ?? '';
  // a block mapping's span runs to the next line; the location ends with its last character
  let end = place.span.end;
  while (end > place.span.start && /\s/.test(text[end - 1])) end -= 1;
  return { uri: object.file, range: spanToRange(object.file, text, { start: place.span.start, end }) };
}

/** Go to definition: from a name or selector to the objects it refers to. */
export function definitionAt(model: ClusterModel, uri: string, offset: number): Location[] {
  // of objects defined in several files, the ones nearest this file are meant (alternatives.ts)
  return model.seenFrom(uri, () => definitionIn(model, uri, offset));
}

function definitionIn(model: ClusterModel, uri: string, offset: number): Location[] {
  const place = placeAt(model, uri, offset);
  if (!place) return [];
  const { object, path } = place;
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  const serviceNamed = (name: string | undefined): Location[] => {
    const service = name ? model.service(object.namespace, name) : undefined;
    return service ? [locationOf(model, service.object)] : [];
  };
  if (templatePath && pathIs(path, [...templatePath, 'spec', 'subdomain'])) return serviceNamed(podTemplateOf(object)?.spec.subdomain);
  if (object.kind === 'StatefulSet' && pathIs(path, ['spec', 'serviceName'])) return serviceNamed(stringAt(object.body, ['spec', 'serviceName']));
  if (object.kind === 'Endpoints' && pathIs(path, ['metadata', 'name'])) return serviceNamed(object.name);
  if (object.kind === 'EndpointSlice' && pathIs(path, ['metadata', 'labels', SERVICE_NAME_LABEL])) return serviceNamed(object.labels[SERVICE_NAME_LABEL]);
  if (object.kind === 'Service' && startsWith(path, ['spec', 'ports']) && typeof path[2] === 'number' && path[3] === 'targetPort') return namedTargetPorts(model, object, path[2]);
  if (object.kind === 'Service' && startsWith(path, ['spec', 'selector'])) {
    const service = model.serviceOf(object);
    if (!service?.selector) return [];
    return owners(model.podsSelectedBy(service.namespace, service.selector).map((pod) => pod.template.owner)).map((owner) => locationOf(model, owner));
  }
  if (templatePath && object.kind !== 'Pod' && startsWith(path, ['spec', 'selector'])) {
    const selector = labelSelectorSchema.safeParse((object.body?.spec as Record<string, unknown> | undefined)?.selector ?? {});
    if (!selector.success) return [];
    const pods = model.podsIn(object.namespace).filter((pod) => matchesLabelSelector(pod.labels, selector.data));
    return owners(pods.map((pod) => pod.template.owner)).map((owner) => locationOf(model, owner, [...POD_TEMPLATE_PATHS[owner.kind], 'metadata', 'labels']));
  }
  const reference = referenceAt(model, object, path);
  return reference ? referenceLocations(model, reference) : [];
}

/** From an Ingress backend, a route backendRef or a monitor to the Service (or its port, or the container ports) it names. */
function referenceLocations(model: ClusterModel, reference: ReferenceAt): Location[] {
  switch (reference.kind) {
    case 'service': {
      const { service, port } = reference;
      if (!service) return [];
      const servicePort = port?.number !== undefined ? service.ports.find((candidate) => candidate.port === port.number) : port?.name !== undefined ? service.ports.find((candidate) => candidate.name === port.name) : undefined;
      return [servicePort ? locationOf(model, service.object, ['spec', 'ports', servicePort.index, port?.number !== undefined ? 'port' : 'name']) : locationOf(model, service.object)];
    }
    case 'monitor-selector':
      return reference.services.map((service) => locationOf(model, service.object));
    case 'monitor-port':
      return reference.matches.map(({ service, port }) => locationOf(model, service.object, ['spec', 'ports', port.index, 'name']));
    case 'pod-monitor-port':
      return reference.ports.map((port) => locationOf(model, port.owner, [...port.path, 'name']));
    case 'object':
      return reference.targets.map((target) => locationOf(model, target));
    case 'configured-host': {
      const service = reference.lookup.kind === 'resolved' ? reference.lookup.service : undefined;
      if (!service) return [];
      const port = reference.host.port !== undefined ? service.ports.find((candidate) => candidate.port === reference.host.port) : undefined;
      return [port ? locationOf(model, service.object, ['spec', 'ports', port.index, 'port']) : locationOf(model, service.object)];
    }
    case 'pod-selector':
      return owners(reference.pods.map((pod) => pod.template.owner)).map((owner) => locationOf(model, owner, [...POD_TEMPLATE_PATHS[owner.kind], 'metadata', 'labels']));
    case 'listener':
      return reference.listeners.map(({ gateway, listener }) => locationOf(model, gateway, ['spec', 'listeners', listener.index, reference.section !== undefined || reference.port === undefined ? 'name' : 'port']));
  }
}

/** Find references: from a Service to everything that names or selects it. */
export function referencesAt(model: ClusterModel, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  return model.seenFrom(uri, () => referencesIn(model, uri, offset, includeDeclaration));
}

function referencesIn(model: ClusterModel, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const place = placeAt(model, uri, offset);
  if (place && isNamedKind(place.object) && pathIs(place.path, ['metadata', 'name'])) return namedObjectReferences(model, place.object, includeDeclaration);
  const service = place?.object.kind === 'Service' ? model.serviceOf(place.object) : undefined;
  if (!service) {
    // from anything that names a Service (or an IngressClass, a Gateway, a ConfigMap, a Secret), the references of that object
    const targets = place ? definitionAt(model, uri, offset) : [];
    const named = targets.length === 1 ? serviceAtLocation(model, targets[0]) : undefined;
    if (named) return serviceReferences(model, named, includeDeclaration);
    const object = targets.length === 1 ? namedObjectAtLocation(model, targets[0]) : undefined;
    return object ? namedObjectReferences(model, object, includeDeclaration) : [];
  }
  return serviceReferences(model, service, includeDeclaration);
}

/** Find references of an IngressClass, a Gateway, a ConfigMap or a Secret: the fields that name it. */
export function namedObjectReferences(model: ClusterModel, object: ManifestObject, includeDeclaration: boolean): Location[] {
  const locations = includeDeclaration ? [locationOf(model, object)] : [];
  for (const place of placesNaming(model, object)) locations.push(locationOf(model, place.object, place.path));
  return dedupe(locations);
}

/** The IngressClass, Gateway, ConfigMap or Secret whose name a location covers. */
function namedObjectAtLocation(model: ClusterModel, location: Location): ManifestObject | undefined {
  const entry = model.file(location.uri);
  return entry?.objects.find((object) => isNamedKind(object) && JSON.stringify(locationOf(model, object).range) === JSON.stringify(location.range));
}

export function serviceReferences(model: ClusterModel, service: ServiceView, includeDeclaration: boolean): Location[] {
  const locations: Location[] = includeDeclaration ? [locationOf(model, service.object)] : [];
  for (const pod of model.podsIn(service.namespace)) {
    if (pod.subdomain !== service.name) continue;
    const owner = pod.template.owner;
    const path = owner.kind === 'StatefulSet' ? ['spec', 'serviceName'] : [...POD_TEMPLATE_PATHS[owner.kind], 'spec', 'subdomain'];
    locations.push(locationOf(model, owner, path));
  }
  for (const object of handWrittenEndpoints(model, service)) {
    locations.push(locationOf(model, object, object.kind === 'Endpoints' ? ['metadata', 'name'] : ['metadata', 'labels', SERVICE_NAME_LABEL]));
  }
  if (service.selector) {
    for (const owner of owners(model.podsSelectedBy(service.namespace, service.selector).map((pod) => pod.template.owner))) {
      locations.push(locationOf(model, owner, [...POD_TEMPLATE_PATHS[owner.kind], 'metadata', 'labels']));
    }
  }
  for (const place of placesReferringTo(model, service)) locations.push(locationOf(model, place.object, place.path));
  return dedupe(locations);
}

/** The Service whose name a location covers. */
function serviceAtLocation(model: ClusterModel, location: Location): ServiceView | undefined {
  return model.services().find((service) => service.object.file === location.uri && JSON.stringify(locationOf(model, service.object).range) === JSON.stringify(location.range));
}

/** From a named targetPort to the container ports of that name in the Pods the Service selects. */
function namedTargetPorts(model: ClusterModel, object: ManifestObject, portIndex: number): Location[] {
  const service = model.serviceOf(object);
  const port = service?.ports.find((candidate) => candidate.index === portIndex);
  if (!service?.selector || typeof port?.targetPort !== 'string') return [];
  const locations: Location[] = [];
  for (const owner of owners(model.podsSelectedBy(service.namespace, service.selector).map((pod) => pod.template.owner))) {
    const template = podTemplateOf(owner);
    for (const container of template?.spec.containers ?? []) {
      for (const containerPort of container.ports ?? []) {
        if (containerPort.name === port.targetPort && (containerPort.protocol ?? 'TCP') === port.protocol) {
          locations.push(locationOf(model, owner, [...template!.templatePath, 'spec', 'containers', container.index, 'ports', containerPort.index, 'name']));
        }
      }
    }
  }
  return locations;
}

function owners(objects: readonly ManifestObject[]): ManifestObject[] {
  return [...new Set(objects)];
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stringAt(value: unknown, path: readonly string[]): string | undefined {
  for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
  return typeof value === 'string' ? value : undefined;
}

