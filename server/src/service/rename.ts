import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import { handWrittenEndpoints, SERVICE_NAME_LABEL } from '../core/model/computeBackends';
import type { ManifestObject } from '../core/model/manifestObject';
import { POD_TEMPLATE_PATHS } from '../core/model/podView';
import type { ServiceView } from '../core/model/serviceView';
import { hasPlaceholder } from '../core/placeholders';
import { dns1035LabelErrors } from '../core/rules/validation/names';
import type { ApplyUnit } from '../core/units/applyUnit';
import { KustomizeLayers } from '../core/units/kustomizeLayers';
import type { ValuePath } from '../core/yaml/sourceLocator';
import { locationOf } from './navigation';
import { pathIs, placeAt } from './objectAt';
import { positionToOffset } from './positions';
import { placesReferringTo, referenceAt } from './serviceReferenceAt';

/** Where a rename starts: the name under the cursor and the Service it names. */
export type RenameTarget =
  | { readonly ok: true; readonly range: Range; readonly name: string; readonly service: ServiceView }
  | { readonly ok: false; readonly reason: string };

/** The cluster a rename works in: its model, and the unit (for the Kustomize or Helm names it cannot follow). */
export interface RenameScope {
  readonly model: ClusterModel;
  readonly unit?: ApplyUnit;
}

/**
 * prepareRename: the Service name under the cursor, from the Service itself or from anything that
 * names it (Pod subdomain, StatefulSet serviceName, Endpoints, EndpointSlice label, Ingress and
 * route backends). Refuses, with the reason, where the written name is not the applied one.
 */
export function renameTargetAt(scope: RenameScope, uri: string, offset: number): RenameTarget {
  const { model } = scope;
  return model.seenFrom(uri, () => {
    const entry = model.file(uri);
    if (entry?.issues.some((issue) => issue.ruleId === 'templated-file')) {
      return refuse('This file is a template: its names are only known once it is rendered, so kube-lookup cannot rename them.');
    }
    const place = placeAt(model, uri, offset);
    if (!place || place.role !== 'value') return refuse('Put the cursor on a Service name, or on a name that refers to a Service.');
    const written = entry!.text.slice(place.span.start, place.span.end);
    const named = namedService(model, place.object, place.path);
    if (!named) return refuse('Put the cursor on a Service name, or on a name that refers to a Service.');
    if (hasPlaceholder(named.name) || hasPlaceholder(written)) return refuse(`"${named.name}" holds a placeholder that is substituted later: the name applied is not the one written here.`);
    if (!named.service) return refuse(`"${named.name}" names no Service in namespace "${named.namespace}": there is nothing to rename with it.`);
    const refusal = builtName(scope, named.service);
    if (refusal) return refuse(refusal);
    const location = locationOf(model, place.object, place.path);
    return { ok: true, range: unquoted(entry!.text, uri, location.range, named.name) ?? location.range, name: named.name, service: named.service };
  });
}

/** rename: the new name checked as the API server checks a Service name, then every place that names the Service. */
export function renameEdits(scope: RenameScope, uri: string, offset: number, newName: string): WorkspaceEdit | { readonly reason: string } {
  const target = renameTargetAt(scope, uri, offset);
  if (!target.ok) return { reason: target.reason };
  const errors = dns1035LabelErrors(newName);
  if (errors.length > 0) return { reason: `metadata.name: Invalid value: "${newName}": ${errors.join(', ')}` };
  const { model } = scope;
  const changes: Record<string, TextEdit[]> = {};
  for (const { object, path } of namingPlaces(model, target.service)) {
    const text = model.file(object.file)?.text ?? '';
    const location = locationOf(model, object, path);
    const range = unquoted(text, object.file, location.range, target.name);
    if (!range) return { reason: `${object.kind} "${object.name}" in ${object.file} writes the name in a form rename cannot edit.` };
    const edits = (changes[object.file] ??= []);
    if (!edits.some((edit) => sameRange(edit.range, range))) edits.push({ range, newText: newName });
  }
  return { changes };
}

/** Every field that names the Service by its name: what a rename must change together. */
export function namingPlaces(model: ClusterModel, service: ServiceView): { readonly object: ManifestObject; readonly path: ValuePath }[] {
  const places: { object: ManifestObject; path: ValuePath }[] = [{ object: service.object, path: ['metadata', 'name'] }];
  for (const pod of model.podsIn(service.namespace)) {
    if (pod.subdomain !== service.name) continue;
    const owner = pod.template.owner;
    places.push({ object: owner, path: owner.kind === 'StatefulSet' ? ['spec', 'serviceName'] : [...POD_TEMPLATE_PATHS[owner.kind], 'spec', 'subdomain'] });
  }
  for (const object of handWrittenEndpoints(model, service)) {
    places.push({ object, path: object.kind === 'Endpoints' ? ['metadata', 'name'] : ['metadata', 'labels', SERVICE_NAME_LABEL] });
  }
  // a ServiceMonitor selects by labels, not by name
  for (const place of placesReferringTo(model, service)) if (place.path[place.path.length - 1] === 'name') places.push(place);
  return places;
}

/** The Service a name field names, and the name as written. */
function namedService(model: ClusterModel, object: ManifestObject, path: ValuePath): { name: string; namespace: string; service?: ServiceView } | undefined {
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  const byName = (name: unknown): { name: string; namespace: string; service?: ServiceView } | undefined =>
    typeof name === 'string' ? { name, namespace: object.namespace, service: model.service(object.namespace, name) } : undefined;
  if (object.kind === 'Service' && pathIs(path, ['metadata', 'name'])) {
    const service = model.serviceOf(object);
    return service ? { name: service.name, namespace: service.namespace, service } : undefined;
  }
  if (object.kind === 'Endpoints' && pathIs(path, ['metadata', 'name'])) return byName(object.name);
  if (object.kind === 'EndpointSlice' && pathIs(path, ['metadata', 'labels', SERVICE_NAME_LABEL])) return byName(object.labels[SERVICE_NAME_LABEL]);
  if (object.kind === 'StatefulSet' && pathIs(path, ['spec', 'serviceName'])) return byName(valueAt(object.body, ['spec', 'serviceName']));
  if (templatePath && pathIs(path, [...templatePath, 'spec', 'subdomain'])) return byName(valueAt(object.body, [...templatePath, 'spec', 'subdomain']));
  const reference = referenceAt(model, object, path);
  if (reference?.kind === 'service' && !reference.port && path[path.length - 1] === 'name') return { name: reference.name, namespace: reference.namespace, service: reference.service };
  return undefined;
}

/**
 * Why the Service's name as written is not the name applied: a Helm chart builds its names in
 * templates; a kustomization above its file adds a namePrefix or nameSuffix, which references
 * written with the full name (in an overlay) would not follow.
 */
function builtName(scope: RenameScope, service: ServiceView): string | undefined {
  const { unit, model } = scope;
  if (unit?.kind === 'helm') return `Service "${service.name}" is part of the Helm chart ${unit.name}: its name is built when the chart is rendered.`;
  if (unit?.kind !== 'kustomize' || !unit.root) return undefined;
  // KustomizeLayers works on `/`-separated paths; the editor's files are URIs
  const pathOf = (uri: string): string => (uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)) : uri);
  const uris = new Map([...unit.files, ...unit.support].map((uri) => [pathOf(uri), uri]));
  const layers = new KustomizeLayers(pathOf(unit.root), unit.support.map(pathOf), (path) => {
    const uri = uris.get(path);
    return uri ? model.file(uri)?.text : undefined;
  });
  const renamer = layers.over(pathOf(service.object.file)).find((layer) => layer.namePrefix !== undefined || layer.nameSuffix !== undefined);
  if (!renamer) return undefined;
  const how = renamer.namePrefix !== undefined ? `namePrefix "${renamer.namePrefix}"` : `nameSuffix "${renamer.nameSuffix}"`;
  return `Kustomize renames Service "${service.name}" (${how} in ${renamer.file}): the name applied is not the one written, and references to it cannot be followed.`;
}

/** The range of the name itself, inside quotes if it is quoted; undefined when the text there is not the name. */
function unquoted(text: string, uri: string, range: Range, name: string): Range | undefined {
  const start = positionToOffset(uri, text, range.start);
  const end = positionToOffset(uri, text, range.end);
  const written = text.slice(start, end);
  if (written === name) return range;
  const quote = written[0];
  if ((quote === '"' || quote === "'") && written.endsWith(quote) && written.slice(1, -1) === name) {
    return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
  }
  return undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
  return value;
}

function refuse(reason: string): RenameTarget {
  return { ok: false, reason };
}
