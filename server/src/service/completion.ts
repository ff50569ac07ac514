import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import type { ManifestObject } from '../core/model/manifestObject';
import type { PodView } from '../core/model/podView';
import { SERVICE_NAME_LABEL } from '../core/model/computeBackends';
import type { ServiceView } from '../core/model/serviceView';
import { containerPortsOf } from '../core/references/containerPorts';
import { objectsAt, placeAt } from './objectAt';
import { offsetToPosition } from './positions';
import { referenceAt } from './serviceReferenceAt';

/**
 * Completion of the names that refer to other objects: Services for a subdomain, a serviceName, an
 * Endpoints or EndpointSlice and an Ingress or route backend; a backend's ports; Pod label keys and
 * values for a selector; container port names for a targetPort. The context is read from the text
 * of the lines above the cursor, as it stands mid-edit: the line being typed rarely parses into the
 * field it will be.
 */
export function completionAt(model: ClusterModel, uri: string, offset: number): CompletionItem[] {
  const text = model.file(uri)?.text;
  if (text === undefined) return [];
  return model.seenFrom(uri, () => completionIn(model, uri, text, offset));
}

/** The line being typed: its key (if a colon follows it), the value typed so far and where it starts. */
interface TypedLine {
  readonly indent: number;
  readonly key?: string;
  readonly typed: string;
  readonly typedStart: number;
  readonly keyOffset: number;
}

function completionIn(model: ClusterModel, uri: string, text: string, offset: number): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = typedLine(text.slice(lineStart, offset), lineStart);
  if (!line) return [];
  const parents = parentKeys(text, lineStart, line.indent);
  const document = documentAround(model, uri, text, offset);
  const range = { start: offsetToPosition(uri, text, line.typedStart), end: offsetToPosition(uri, text, offset) };
  const items = (candidates: CompletionItem[]): CompletionItem[] =>
    candidates.map((item, index) => ({ ...item, sortText: String(index).padStart(4, '0'), textEdit: { range, newText: item.insertText ?? item.label } }));
  const { kind, namespace } = document;

  if (line.key === undefined) {
    // a key being typed under a selector: the label keys of the namespace's Pods
    if ((kind === 'Service' && parents[0] === 'selector') || parents[0] === 'matchLabels') return items(labelKeys(model.podsIn(namespace), namespace));
    return [];
  }
  const key = line.key;
  if ((key === 'subdomain' && parents[0] === 'spec') || (key === 'serviceName' && kind === 'StatefulSet' && parents[0] === 'spec')) {
    return items(model.servicesIn(namespace).filter((service) => service.headless).map((service) => serviceItem(service, `headless Service: Pods get <hostname>.${service.name}.${namespace}.svc names`)));
  }
  if (kind === 'Endpoints' && key === 'name' && parents[0] === 'metadata' && parents.length === 1) {
    return items(model.servicesIn(namespace).map((service) => serviceItem(service, 'Endpoints bind to the Service of the same name')));
  }
  if (kind === 'EndpointSlice' && key === SERVICE_NAME_LABEL && parents[0] === 'labels') {
    return items(model.servicesIn(namespace).map((service) => serviceItem(service, 'the EndpointSlice serves the Service this label names')));
  }
  if ((kind === 'Service' && parents[0] === 'selector') || parents[0] === 'matchLabels') return items(labelValues(model.podsIn(namespace), key, namespace));
  if (kind === 'Service' && key === 'targetPort' && parents[0] === 'ports') {
    const service = document.object ? model.serviceOf(document.object) : undefined;
    return items(targetPortNames(service ? model.podsSelectedBy(service.namespace, service.selector ?? {}) : [], Boolean(service?.selector)));
  }
  if (kind === 'Ingress' && key === 'name' && parents[0] === 'service' && (parents[1] === 'backend' || parents[1] === 'defaultBackend')) {
    return items(model.servicesIn(namespace).map((service) => serviceItem(service, 'Ingress backend')));
  }
  if (isRouteKind(kind) && key === 'name' && parents[0] === 'backendRefs') {
    return items(model.servicesIn(namespace).map((service) => serviceItem(service, `${kind} backendRef`)));
  }
  const onPort = (kind === 'Ingress' && parents[0] === 'port' && parents[1] === 'service' && (key === 'name' || key === 'number')) || (isRouteKind(kind) && key === 'port' && parents[0] === 'backendRefs');
  if (onPort && document.object) {
    const place = placeAt(model, uri, line.keyOffset);
    const reference = place && place.object === document.object ? referenceAt(model, place.object, place.path) : undefined;
    const service = reference?.kind === 'service' ? reference.service : undefined;
    if (!service) return [];
    const byName = kind === 'Ingress' && key === 'name';
    return items(service.ports.filter((port) => (byName ? port.name !== undefined : port.port !== undefined)).map((port) => portItem(service, port, byName)));
  }
  return [];
}

function typedLine(before: string, lineStart: number): TypedLine | undefined {
  const keyed = /^(\s*)(-\s+)?([\w./-]+):(\s*)(["']?)([^"'\s#]*)$/.exec(before);
  if (keyed) {
    const [, spaces, dash = '', key, gap, quote, typed] = keyed;
    const keyStart = lineStart + spaces.length + dash.length;
    return { indent: spaces.length + dash.length, key, typed, keyOffset: keyStart, typedStart: keyStart + key.length + 1 + gap.length + quote.length };
  }
  const bare = /^(\s*)(-\s+)?([\w./-]*)$/.exec(before);
  if (!bare) return undefined;
  const [, spaces, dash = '', typed] = bare;
  return { indent: spaces.length + dash.length, typed, keyOffset: lineStart + spaces.length + dash.length, typedStart: lineStart + spaces.length + dash.length };
}

/** The keys of the mappings enclosing a line, innermost first, read from the indentation of the lines above it. */
function parentKeys(text: string, lineStart: number, indent: number): string[] {
  const keys: string[] = [];
  let current = indent;
  let end = lineStart - 1;
  while (end > 0 && current > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^---/.test(line)) break;
    const match = /^(\s*)(-\s+)?([^\s#'"][^:#]*?)\s*:(\s|$)/.exec(line);
    if (!match) {
      // a list item of scalars or a line of a block scalar: only its dash can enclose
      const dash = /^(\s*)-\s/.exec(line);
      if (dash && dash[1].length < current) current = dash[1].length;
      continue;
    }
    const dashIndent = match[1].length;
    const keyIndent = dashIndent + (match[2]?.length ?? 0);
    if (keyIndent < current) {
      keys.push(match[3]);
      current = match[2] ? dashIndent : keyIndent;
    } else if (match[2] && dashIndent < current) {
      // the list item the line belongs to: its enclosing key comes further up
      current = dashIndent;
    }
  }
  return keys;
}

/** The object being edited: from the model when the document parses, else its `kind:` and `namespace:` lines. */
function documentAround(model: ClusterModel, uri: string, text: string, offset: number): { kind?: string; namespace: string; object?: ManifestObject } {
  const object = objectsAt(model, uri, offset)[0];
  if (object) return { kind: object.kind, namespace: object.namespace, object };
  const before = text.lastIndexOf('\n---', offset);
  const after = text.indexOf('\n---', offset);
  const block = text.slice(before < 0 ? 0 : before, after < 0 ? text.length : after);
  const kind = /^kind:[ \t]*["']?([\w-]+)/m.exec(block)?.[1];
  const namespace = /^[ \t]+namespace:[ \t]*["']?([\w-]+)/m.exec(block)?.[1] ?? 'default';
  return { kind, namespace };
}

function serviceItem(service: ServiceView, role: string): CompletionItem {
  const ports = service.ports.map((port) => `${port.name ? `${port.name} ` : ''}${port.port ?? ''}/${port.protocol}`).join(', ');
  return {
    label: service.name,
    kind: CompletionItemKind.Reference,
    detail: `Service ${service.namespace}/${service.name}${service.headless ? ' (headless)' : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: [`${role}.`, '', `\`${service.name}.${service.namespace}.svc\`${ports ? ` · ports ${ports}` : ''}`].join('\n') },
  };
}

function portItem(service: ServiceView, port: ServiceView['ports'][number], byName: boolean): CompletionItem {
  const label = byName ? port.name! : String(port.port);
  return {
    label,
    kind: CompletionItemKind.Value,
    detail: `port ${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol} of Service ${service.namespace}/${service.name}`,
    documentation: { kind: MarkupKind.Markdown, value: `Service port ${port.port} → target port ${port.targetPort ?? port.port}` },
  };
}

function labelKeys(pods: readonly PodView[], namespace: string): CompletionItem[] {
  const counts = new Map<string, number>();
  for (const pod of pods) for (const key of Object.keys(pod.labels)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({
    label: key,
    insertText: `${key}: `,
    kind: CompletionItemKind.Property,
    detail: `Pod label key in namespace ${namespace}`,
    documentation: `${count} Pod${count === 1 ? '' : 's'} carry this label.`,
  }));
}

function labelValues(pods: readonly PodView[], key: string, namespace: string): CompletionItem[] {
  const owners = new Map<string, Set<string>>();
  for (const pod of pods) {
    const value = pod.labels[key];
    if (value === undefined) continue;
    if (!owners.has(value)) owners.set(value, new Set());
    owners.get(value)!.add(`${pod.template.owner.kind} ${pod.template.owner.name}`);
  }
  return [...owners].sort(([a], [b]) => a.localeCompare(b)).map(([value, from]) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail: `Pod label ${key}=${value} in namespace ${namespace}`,
    documentation: `Carried by the Pods of ${[...from].slice(0, 5).join(', ')}${from.size > 5 ? ` and ${from.size - 5} more` : ''}.`,
  }));
}

function targetPortNames(pods: readonly PodView[], selects: boolean): CompletionItem[] {
  if (!selects) return [];
  const byName = new Map<string, Set<string>>();
  for (const port of containerPortsOf(pods)) {
    if (!port.name) continue;
    if (!byName.has(port.name)) byName.set(port.name, new Set());
    byName.get(port.name)!.add(`${port.containerPort ?? '?'} in ${port.owner.kind} ${port.owner.name}`);
  }
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, where]) => ({
    label: name,
    kind: CompletionItemKind.Value,
    detail: `container port ${name} of the selected Pods`,
    documentation: `Container port ${[...where].join(', ')}.`,
  }));
}

function isRouteKind(kind: string | undefined): boolean {
  return kind !== undefined && /^(HTTP|GRPC|TCP|TLS|UDP)Route$/.test(kind);
}
