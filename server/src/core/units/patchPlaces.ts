import type { ManifestFile } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';
import type { KustomizeLayer, PatchFile } from './kustomizeLayers';
import { inlinePatch } from './inlinePatch';
import { parsedDocuments } from './parsedDocuments';
import { pathByMergeKeys } from './mergeKeyPath';
import { sameValue, valueAt } from './plainValues';

/**
 * The place in a patch file that sets a rendered field to its rendered value: the last patch that
 * applies wins, so the outermost kustomization's patches are searched first, each list from its end.
 * Strategic-merge patches are walked by merge key (a container by its name, a port by its number);
 * JSON 6902 patches by the `path` of their `add` and `replace` operations (list indices loosely, as
 * later patches may move items).
 */
export function findInPatches(layers: readonly KustomizeLayer[], rendered: ManifestObject, written: ManifestObject, path: ValuePath, renderedValue: unknown, renderedRoot: unknown, sourceOf: (file: string) => ManifestFile | undefined): { file: string; span: Span; keySpan?: Span } | undefined {
  const names = [rendered.name, written.name];
  for (const layer of [...layers].reverse()) {
    for (const patch of [...layer.patches].reverse()) {
      if (patch.target?.kind !== undefined && patch.target.kind !== rendered.kind) continue;
      if (patch.target?.name !== undefined && !namesOne(names, patch.target.name)) continue;
      const entry = sourceOf(patch.file);
      if (!entry) continue;
      if (patch.inlineAt) {
        const inline = inlinePatch(entry, patch.inlineAt);
        const found = inline && placeInPatch(inline.entry, patch, rendered.kind, names, path, renderedValue, renderedRoot);
        if (found) return { file: entry.file, span: inline.toKustomization(found.span), keySpan: found.keySpan && inline.toKustomization(found.keySpan) };
        continue;
      }
      const found = placeInPatch(entry, patch, rendered.kind, names, path, renderedValue, renderedRoot);
      if (found) return { file: entry.file, ...found };
    }
  }
  return undefined;
}

function placeInPatch(entry: ManifestFile, patch: PatchFile, kind: string, names: readonly string[], path: ValuePath, renderedValue: unknown, renderedRoot: unknown): { span: Span; keySpan?: Span } | undefined {
  for (const document of parsedDocuments(entry)) {
    const value = document.value;
    if (Array.isArray(value)) {
      // JSON 6902: the last operation that sets the field or a parent of it
      for (let index = value.length - 1; index >= 0; index--) {
        const operation = value[index] as Record<string, unknown> | null;
        if (!operation || (operation.op !== 'add' && operation.op !== 'replace') || typeof operation.path !== 'string') continue;
        const pointer = operation.path.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
        // a later patch may have moved list items: an index matches any index when the value set is the one rendered
        if (pointer.length > path.length || !pointer.every((segment, at) => segment === String(path[at]) || (typeof path[at] === 'number' && /^(\d+|-)$/.test(segment)))) continue;
        const rest = path.slice(pointer.length);
        const set = valueAt(operation.value, rest);
        if (!set.found || !covers(set.value, renderedValue)) continue;
        const location = entry.locator.locate(document.span, [index, 'value', ...rest]);
        return { span: location.value, keySpan: location.key };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const object = value as Record<string, unknown>;
    if (object.kind !== undefined && object.kind !== kind) continue;
    const name = valueAt(object, ['metadata', 'name']).value;
    if (patch.target === undefined && typeof name === 'string' && !namesOne(names, name)) continue;
    const walked = pathByMergeKeys(object, renderedRoot, path);
    if (!walked || !covers(walked.value, renderedValue)) continue;
    const location = entry.locator.locate(document.span, walked.path);
    if (location.depth !== walked.path.length) continue;
    return { span: location.value, keySpan: location.key };
  }
  return undefined;
}

/** A patch's value accounts for the rendered one: equal, or a map whose every entry is rendered as set. */
function covers(patchValue: unknown, renderedValue: unknown): boolean {
  if (sameValue(patchValue, renderedValue)) return true;
  if (typeof patchValue !== 'object' || patchValue === null || Array.isArray(patchValue)) return false;
  if (typeof renderedValue !== 'object' || renderedValue === null || Array.isArray(renderedValue)) return false;
  return Object.entries(patchValue).every(([key, item]) => sameValue(item, (renderedValue as Record<string, unknown>)[key]));
}

/** A patch names the object by its name before a prefix or suffix was added: a rendered name contains it. */
function namesOne(names: readonly string[], patchName: string): boolean {
  return names.some((name) => name === patchName || (patchName !== '' && name.includes(patchName)));
}
