import type { ParsedDocument } from '../yaml/parseManifestFile';
import type { PathSegment } from '../yaml/sourceLocator';
import { isClusterScoped, MODELLED_KINDS, type ManifestObject } from './manifestObject';

/**
 * Turns the documents of one file into objects. A document without a string `apiVersion` and
 * `kind` is not a Kubernetes manifest and yields nothing; a `kind: List` yields its items.
 */
export function extractObjects(file: string, documents: readonly ParsedDocument[]): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const document of documents) {
    const value = document.value;
    if (!isRecord(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') continue;
    if (value.kind === 'List' || (value.kind.endsWith('List') && Array.isArray(value.items))) {
      const items = Array.isArray(value.items) ? value.items : [];
      items.forEach((item, itemIndex) => {
        const object = toObject(file, document, item, ['items', itemIndex], `${document.index}/${itemIndex}`);
        if (object) objects.push(object);
      });
      continue;
    }
    const object = toObject(file, document, value, [], `${document.index}`);
    if (object) objects.push(object);
  }
  // an array pushed into keeps room for 17 items: most files hold one or two objects
  return objects.slice();
}

function toObject(file: string, document: ParsedDocument, value: unknown, basePath: PathSegment[], suffix: string): ManifestObject | undefined {
  if (!isRecord(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const declaredNamespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.name === 'number' ? String(metadata.name) : '';
  const clusterScoped = isClusterScoped(value.kind);
  return {
    id: `${file}#${suffix}`,
    file,
    documentIndex: document.index,
    documentSpan: document.span,
    basePath,
    apiVersion: value.apiVersion,
    kind: value.kind,
    name,
    namespace: clusterScoped ? '' : (declaredNamespace ?? 'default'),
    namespaceDeclared: declaredNamespace !== undefined,
    labels: stringRecord(metadata.labels),
    annotations: stringRecord(metadata.annotations),
    body: MODELLED_KINDS.has(value.kind) ? keptBody(value) : undefined,
  };
}

/**
 * The part of a body the model reads. A CustomResourceDefinition's schemas run to megabytes
 * (argo-cd's, prometheus-operator's) while only its conversion webhook names anything: the rest is
 * dropped, so that keeping it costs no memory.
 */
function keptBody(value: Record<string, unknown>): Record<string, unknown> {
  if (value.kind !== 'CustomResourceDefinition') return value;
  const spec = isRecord(value.spec) ? value.spec : undefined;
  return { apiVersion: value.apiVersion, kind: value.kind, metadata: value.metadata, spec: spec && 'conversion' in spec ? { conversion: spec.conversion } : {} };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return NO_STRINGS;
  let result: Record<string, string> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') (result ??= new StringRecord())[key] = String(item);
  }
  return result ?? NO_STRINGS;
}

/**
 * Labels and annotations: records without Object.prototype, so a key such as `constructor` or
 * `__proto__` is only ever itself. Made by a constructor whose prototype is null-based rather
 * than by Object.create(null), whose objects V8 keeps as dictionaries (several times larger).
 */
const StringRecord = function StringRecord() {} as unknown as new () => Record<string, string>;
StringRecord.prototype = Object.create(null);

/** Most objects have no annotations and many no labels: they share one empty record. */
const NO_STRINGS: Record<string, string> = Object.freeze(new StringRecord());
