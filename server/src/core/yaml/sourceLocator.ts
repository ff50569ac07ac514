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
 * fix needs a position, the one document concerned is parsed again with its syntax tree. The
 * trees of the last few documents asked about (across all files) are kept, so the several places
 * a finding needs cost one parse, while a long editing session keeps no trees of closed files; the
 * places found are kept with the locator (one per file version), as re-linting asks for them again.
 */
export class SourceLocator {

  constructor(readonly text: string) {}

  /** Places found before: the same few paths are asked again each time a file is re-linted. */
  private readonly located = new Map<string, Location>();

  locate(documentSpan: Span, path: ValuePath): Location {
    const key = `${documentSpan.start}:${documentSpan.end}:${path.map((segment) => (typeof segment === 'number' ? `#${segment}` : `.${segment}`)).join('')}`;
    let location = this.located.get(key);
    if (!location) {
      location = this.find(documentSpan, path);
      this.located.set(key, location);
    }
    return location;
  }

  private find(documentSpan: Span, path: ValuePath): Location {
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
    let entry = recentTrees.get(this, documentSpan);
    if (!entry) {
      const lineStart = Math.max(this.text.lastIndexOf('\n', documentSpan.start - 1), this.text.lastIndexOf('\r', documentSpan.start - 1)) + 1;
      const source = withYamlLineBreaks(this.text.slice(lineStart, documentSpan.end));
      entry = { doc: parseDocument(source, { merge: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' }) as Document.Parsed, shift: lineStart };
      recentTrees.set(this, documentSpan, entry);
    }
    return entry;
  }
}

type TreeEntry = { doc: Document.Parsed; shift: number };

/** The most recently used document trees of all locators, least recent dropped first. */
class RecentTrees {
  private readonly entries = new Map<string, TreeEntry>();
  private readonly ids = new WeakMap<SourceLocator, number>();
  private nextId = 0;

  constructor(private readonly capacity: number) {}

  get(locator: SourceLocator, span: Span): TreeEntry | undefined {
    const key = this.keyOf(locator, span);
    const found = this.entries.get(key);
    if (!found) return undefined;
    // move to the most recent end
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  set(locator: SourceLocator, span: Span, entry: TreeEntry): void {
    this.entries.set(this.keyOf(locator, span), entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  private keyOf(locator: SourceLocator, span: Span): string {
    let id = this.ids.get(locator);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(locator, id);
    }
    return `${id}:${span.start}:${span.end}`;
  }
}

const recentTrees = new RecentTrees(64);

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
