import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { withYamlLineBreaks } from './lineBreaks';
import type { Span } from './span';

export type PathSegment = string | number;
export type ValuePath = readonly PathSegment[];

/** Where a path of a document stands: the key (for map entries) and the value. */
export interface Location {
  readonly key?: Span;
  readonly value: Span;
  /** How many segments of the asked path exist; less than its length when the tail is missing. */
  readonly depth: number;
}

/** What stands at an offset: the path of the innermost node and whether the offset is on a key. */
export interface NodeAtOffset {
  readonly path: ValuePath;
  readonly role: 'key' | 'value';
  readonly span: Span;
}

/**
 * Recovers exact spans on demand. The first pass keeps plain values only; when a finding, hover or
 * fix needs a position, the one document concerned is parsed again with its syntax tree, and that
 * tree is kept only while this locator lives.
 */
export class SourceLocator {
  private readonly trees = new Map<number, { doc: Document.Parsed; shift: number }>();

  constructor(readonly text: string) {}

  locate(documentSpan: Span, path: ValuePath): Location {
    const { doc, shift } = this.tree(documentSpan);
    let node: unknown = doc.contents;
    let keySpan: Span | undefined;
    let valueSpan = rangeOf(node, shift) ?? documentSpan;
    let depth = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        keySpan = rangeOf(pair.key, shift);
        node = pair.value;
        valueSpan = rangeOf(node, shift) ?? keySpan ?? valueSpan;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        keySpan = undefined;
        node = node.items[segment];
        valueSpan = rangeOf(node, shift) ?? valueSpan;
      } else {
        break;
      }
      depth += 1;
    }
    return { key: keySpan, value: valueSpan, depth };
  }

  nodeAt(documentSpan: Span, offset: number): NodeAtOffset | undefined {
    const { doc, shift } = this.tree(documentSpan);
    const path: PathSegment[] = [];
    let node: unknown = doc.contents;
    let found: NodeAtOffset | undefined;
    for (;;) {
      const next = stepInto(node, offset - shift, path, shift);
      if (!next) return found;
      found = next.hit;
      if (next.hit.role === 'key' || next.child === undefined) return found;
      node = next.child;
    }
  }

  private tree(documentSpan: Span): { doc: Document.Parsed; shift: number } {
    let entry = this.trees.get(documentSpan.start);
    if (!entry) {
      const lineStart = Math.max(this.text.lastIndexOf('\n', documentSpan.start - 1), this.text.lastIndexOf('\r', documentSpan.start - 1)) + 1;
      const source = withYamlLineBreaks(this.text.slice(lineStart, documentSpan.end));
      entry = { doc: parseDocument(source, { merge: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' }) as Document.Parsed, shift: lineStart };
      this.trees.set(documentSpan.start, entry);
    }
    return entry;
  }
}

function rangeOf(node: unknown, shift: number): Span | undefined {
  const range = (node as Node | null)?.range;
  return range ? { start: range[0] + shift, end: range[1] + shift } : undefined;
}

function stepInto(node: unknown, offset: number, path: PathSegment[], shift: number): { hit: NodeAtOffset; child?: unknown } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (key?.range && offset >= key.range[0] && offset <= key.range[1]) {
        path.push(scalarKey(key));
        return { hit: { path: [...path], role: 'key', span: { start: key.range[0] + shift, end: key.range[1] + shift } } };
      }
      if (value?.range && offset >= value.range[0] && offset <= value.range[1]) {
        path.push(scalarKey(key));
        return { hit: { path: [...path], role: 'value', span: { start: value.range[0] + shift, end: value.range[1] + shift } }, child: value };
      }
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index] as Node | null;
      if (item?.range && offset >= item.range[0] && offset <= item.range[1]) {
        path.push(index);
        return { hit: { path: [...path], role: 'value', span: { start: item.range[0] + shift, end: item.range[1] + shift } }, child: item };
      }
    }
  }
  return undefined;
}

function scalarKey(key: Node | null): PathSegment {
  return isScalar(key) ? String(key.value) : '';
}
