import type { ManifestFile } from '../model/clusterModel';
import { SourceLocator, type ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';
import { parsedDocuments } from './parsedDocuments';
import { valueAt } from './plainValues';

/** A patch written inline in a kustomization (`patch: |-`), read as a file of its own. */
export interface InlinePatch {
  /** The patch text as a file: spans found in it are in the string's own offsets. */
  readonly entry: ManifestFile;
  /** Where an offset of the string stands in the kustomization. */
  readonly toKustomization: (span: Span) => Span;
}

/**
 * The inline patch at `at` in a kustomization, when it is a literal block scalar (`|`, `|-`): its
 * lines are the kustomization's lines less their indentation, so a span inside it maps back exactly.
 * Quoted and folded strings are not mapped (undefined).
 */
export function inlinePatch(kustomization: ManifestFile, at: ValuePath): InlinePatch | undefined {
  const document = parsedDocuments(kustomization)[0];
  const text = valueAt(document?.value, at).value;
  if (!document || typeof text !== 'string') return undefined;
  const location = kustomization.locator.locate(document.span, at);
  if (location.depth !== at.length) return undefined;
  const source = kustomization.text;
  if (source[location.value.start] !== '|') return undefined;
  const firstLine = source.indexOf('\n', location.value.start) + 1;
  if (firstLine === 0) return undefined;
  const lineStarts: number[] = [];
  for (let start = firstLine; start < location.value.end && start > 0; start = source.indexOf('\n', start) + 1) lineStarts.push(start);
  const indent = lineStarts.map((start) => /^ */.exec(source.slice(start, source.indexOf('\n', start) < 0 ? undefined : source.indexOf('\n', start)))![0].length).filter((width, index) => source[lineStarts[index] + width] !== '\n').reduce((least, width) => Math.min(least, width), Infinity);
  const stringLineStarts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) stringLineStarts.push(index + 1);
  const toFile = (offset: number): number => {
    let line = stringLineStarts.length - 1;
    while (line > 0 && stringLineStarts[line] > offset) line--;
    return (lineStarts[line] ?? lineStarts[lineStarts.length - 1]) + (Number.isFinite(indent) ? indent : 0) + (offset - stringLineStarts[line]);
  };
  const entry: ManifestFile = { file: kustomization.file, text, objects: [], issues: [], locator: new SourceLocator(text) };
  return { entry, toKustomization: (span) => ({ start: toFile(span.start), end: toFile(span.end) }) };
}
