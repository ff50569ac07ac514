import { parseDocument } from 'yaml';
import { readBlockYaml } from './blockYamlReader';
import { withYamlLineBreaks } from './lineBreaks';
import { placesOfYamlNode, type PlacedNode } from './nodePlaces';
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
 * fix needs a position, the one document concerned is read again for the places of its nodes —
 * by the fast block reader, or by `yaml` where that reader gives up. The places of the last few
 * documents asked about (across all files) are kept, so the several spans a finding needs cost one
 * read, while a long editing session keeps nothing of closed files; the spans found are kept with
 * the locator (one per file version), as re-linting asks for them again.
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
    // an item of a large List (`kubectl get -o yaml`) is read alone: reading the whole document
    // took a second and kept megabytes of places for one finding
    const item = documentSpan.end - documentSpan.start >= READ_ITEM_ALONE_FROM && path[0] === 'items' && typeof path[1] === 'number'
      ? this.itemPlaces(documentSpan, path[1])
      : undefined;
    if (item) return walk(item, path, 2, item.span);
    const node = this.places(documentSpan);
    return walk(node, path, 0, node?.span ?? documentSpan);
  }

  /** The places of item `index` of a top-level block sequence `items:`, read alone; undefined when it cannot be told where the item stands. */
  private itemPlaces(documentSpan: Span, index: number): PlacedNode | undefined {
    const documentKey = `${documentSpan.start}:${documentSpan.end}`;
    let starts = this.itemStarts.get(documentKey);
    if (starts === undefined) this.itemStarts.set(documentKey, (starts = listItemStarts(this.text, documentSpan) ?? null));
    if (starts === null || index + 1 >= starts.length) return undefined;
    const itemSpan = { start: starts[index], end: starts[index + 1] };
    let entry = recentPlaces.get(this, itemSpan);
    if (!entry) {
      const root = placeSource(this.text, itemSpan.start, itemSpan.end);
      // the text read must be a sequence of exactly that one item, or the lines were not told apart right
      entry = { root: root?.kind === 'sequence' && root.items.length === 1 ? root.items[0] : undefined };
      recentPlaces.set(this, itemSpan, entry);
    }
    return entry.root;
  }

  /** Where the items of a large List start, per document asked about; null when not a block sequence under a top-level `items:`. */
  private readonly itemStarts = new Map<string, readonly number[] | null>();

  nodeAt(documentSpan: Span, offset: number): NodeAtOffset | undefined {
    const path: PathSegment[] = [];
    let node = this.places(documentSpan);
    let found: NodeAtOffset | undefined;
    for (;;) {
      const next = stepInto(node, offset, path);
      if (!next) return found;
      found = next.hit;
      if (next.hit.role === 'key' || next.child === undefined) return found;
      node = next.child;
    }
  }

  private places(documentSpan: Span): PlacedNode | undefined {
    let entry = recentPlaces.get(this, documentSpan);
    if (!entry) {
      entry = { root: placeDocument(this.text, documentSpan) };
      recentPlaces.set(this, documentSpan, entry);
    }
    return entry.root;
  }
}

/** Documents from this many characters have a List item read alone for its places. */
const READ_ITEM_ALONE_FROM = 256 * 1024;

/** Follows `path` from `start`, the node that `path.slice(0, depth)` leads to, as far as it exists. */
function walk(start: PlacedNode | undefined, path: ValuePath, startDepth: number, startValueSpan: Span): Location {
  let node = start;
  let keySpan: Span | undefined;
  let valueSpan = startValueSpan;
  let depth = startDepth;
  for (const segment of path.slice(startDepth)) {
    if (node?.kind === 'map') {
      const entry = node.entries.find((candidate) => candidate.key === String(segment));
      if (!entry) break;
      keySpan = entry.keySpan;
      node = entry.value;
      valueSpan = node?.span ?? keySpan ?? valueSpan;
    } else if (node?.kind === 'sequence' && typeof segment === 'number' && segment < node.items.length) {
      keySpan = undefined;
      node = node.items[segment];
      valueSpan = node?.span ?? valueSpan;
    } else {
      break;
    }
    depth += 1;
  }
  return { key: keySpan, value: valueSpan, depth };
}

/**
 * Where each item of the document's top-level `items:` block sequence starts (the offset of its
 * line), then where the sequence ends; undefined when the document has no such sequence. Lines are
 * told apart by indentation alone: an item starts on a line whose `-` stands at the sequence's
 * column, and the sequence ends at the first line that stands left of it or at it without a `-`
 * (a block scalar's or a flow collection's lines stand right of it). The caller checks that each
 * slice reads as one item.
 */
export function listItemStarts(text: string, documentSpan: Span): number[] | undefined {
  let position = documentSpan.start;
  while (position > 0 && text.charCodeAt(position - 1) !== 10 && text.charCodeAt(position - 1) !== 13) position -= 1;
  const starts: number[] = [];
  let state: 'before' | 'key' | 'items' = 'before';
  let column = -1;
  while (position < documentSpan.end) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline < 0 || newline >= documentSpan.end ? documentSpan.end : newline;
    let first = position;
    while (first < lineEnd && text.charCodeAt(first) === 32) first += 1;
    const code = first < lineEnd ? text.charCodeAt(first) : -1;
    const blank = code === -1 || code === 35 /* # */ || (code === 13 && first + 1 === lineEnd);
    if (!blank) {
      const indent = first - position;
      const dash = code === 45 /* - */ && (first + 1 === lineEnd || [32, 13].includes(text.charCodeAt(first + 1)));
      if (state === 'before') {
        if (indent === 0 && text.startsWith('items:', first) && restIsEmpty(text, first + 6, lineEnd)) state = 'key';
      } else if (state === 'key') {
        if (!dash) return undefined;
        column = indent;
        starts.push(position);
        state = 'items';
      } else if (indent < column || (indent === column && !dash)) {
        if (indent !== 0) return undefined;
        starts.push(position);
        return starts;
      } else if (indent === column) {
        starts.push(position);
      }
    }
    position = lineEnd + 1;
  }
  if (state !== 'items') return undefined;
  starts.push(documentSpan.end);
  return starts;
}

/** Only spaces, or a comment, from `from` to the line's end. */
function restIsEmpty(text: string, from: number, lineEnd: number): boolean {
  let index = from;
  while (index < lineEnd && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 13)) index += 1;
  return index === lineEnd || (text.charCodeAt(index) === 35 && index > from);
}

/** Reads the document at documentSpan again for the places of its nodes. */
function placeDocument(text: string, documentSpan: Span): PlacedNode | undefined {
  // from the start of the document's first line, so that columns are as in the file
  // walked back by hand: lastIndexOf('\r') ran to the start of a file without CRs, once per document
  let lineStart = documentSpan.start;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart -= 1;
  return placeSource(text, lineStart, documentSpan.end);
}

/** The places of the text from `lineStart` (the start of a line) to `end`, read as one document. */
function placeSource(text: string, lineStart: number, end: number): PlacedNode | undefined {
  const source = withYamlLineBreaks(text.slice(lineStart, end));
  const fast = readBlockYaml(source, { offset: lineStart });
  if (fast?.length === 1) return fast[0].places;
  const doc = parseDocument(source, { merge: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' });
  return placesOfYamlNode(doc.contents, lineStart);
}

type TreeEntry = { root: PlacedNode | undefined };

/** The places of the most recently used documents of all locators, least recent dropped first. */
class RecentPlaces {
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

const recentPlaces = new RecentPlaces(64);

function stepInto(node: PlacedNode | undefined, offset: number, path: PathSegment[]): { hit: NodeAtOffset; child?: PlacedNode } | undefined {
  if (node?.kind === 'map') {
    for (const entry of node.entries) {
      if (entry.keySpan && offset >= entry.keySpan.start && offset <= entry.keySpan.end) {
        path.push(entry.key ?? '');
        return { hit: { path: [...path], role: 'key', span: entry.keySpan } };
      }
      const value = entry.value;
      if (value && offset >= value.span.start && offset <= value.span.end) {
        path.push(entry.key ?? '');
        return { hit: { path: [...path], role: 'value', span: value.span }, child: value };
      }
    }
  } else if (node?.kind === 'sequence') {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index];
      if (item && offset >= item.span.start && offset <= item.span.end) {
        path.push(index);
        return { hit: { path: [...path], role: 'value', span: item.span }, child: item };
      }
    }
  }
  return undefined;
}
