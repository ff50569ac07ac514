import type { ClusterModel } from '../core/model/clusterModel';
import type { ManifestObject } from '../core/model/manifestObject';
import type { ValuePath } from '../core/yaml/sourceLocator';
import type { Span } from '../core/yaml/span';

/** What stands under the cursor: the object, and the path inside it (from the object's root). */
export interface PlaceAt {
  readonly object: ManifestObject;
  readonly path: ValuePath;
  readonly role: 'key' | 'value';
  /** The key or scalar under the cursor. */
  readonly span: Span;
}

export function objectsAt(model: ClusterModel, uri: string, offset: number): ManifestObject[] {
  const entry = model.file(uri);
  if (!entry) return [];
  return entry.objects.filter((object) => offset >= object.documentSpan.start && offset <= object.documentSpan.end);
}

export function placeAt(model: ClusterModel, uri: string, offset: number): PlaceAt | undefined {
  const entry = model.file(uri);
  const candidates = objectsAt(model, uri, offset);
  if (!entry || candidates.length === 0) return undefined;
  const node = entry.locator.nodeAt(candidates[0].documentSpan, offset);
  if (!node) return undefined;
  // items of a `kind: List` share a document: the path tells which item
  const object = candidates.find((candidate) => candidate.basePath.every((segment, index) => node.path[index] === segment));
  if (!object) return undefined;
  return { object, path: node.path.slice(object.basePath.length), role: node.role, span: node.span };
}

/** True when `path` starts with `prefix`; numbers and strings compare by value. */
export function startsWith(path: ValuePath, prefix: ValuePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => String(path[index]) === String(segment));
}

export function pathIs(path: ValuePath, expected: ValuePath): boolean {
  return path.length === expected.length && startsWith(path, expected);
}
