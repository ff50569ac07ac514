import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Fix, RuleContext } from './types';

/**
 * A fix that replaces one part of a string value (the host of a URL, its port) and leaves the rest
 * and the quoting as written; none when the part is not written once, as is, in the value's text.
 */
export function replaceInValueFix(object: ManifestObject, path: ValuePath, part: string, newText: string, title: string): (context: RuleContext) => Fix | undefined {
  return (context) => {
    const place = context.locate({ object, path });
    const text = context.model.file(place.file)?.text;
    if (!place.found || text === undefined) return undefined;
    const source = text.slice(place.span.start, place.span.end);
    const index = source.indexOf(part);
    if (index < 0 || source.indexOf(part, index + 1) >= 0) return undefined;
    const start = place.span.start + index;
    return { title, edits: [{ file: place.file, span: { start, end: start + part.length }, newText }] };
  };
}
