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

  constructor(
    readonly text: string,
    /** Documents from this many characters have a List's items read alone (a test reads them whole to compare). */
    private readonly readItemAloneFrom = READ_ITEM_ALONE_FROM,
  ) {}

  /** Places found before: the same few paths are asked again each time a file is re-linted. Made on the first place asked (most files are asked none). */
  private located: Map<string, Location> | undefined;

  locate(documentSpan: Span, path: ValuePath): Location {
    const key = `${documentSpan.start}:${documentSpan.end}:${path.map((segment) => (typeof segment === 'number' ? `#${segment}` : `.${segment}`)).join('')}`;
    this.located ??= new Map();
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
    const item = documentSpan.end - documentSpan.start >= this.readItemAloneFrom && path[0] === 'items' && typeof path[1] === 'number'
      ? this.itemPlaces(documentSpan, path[1])
      : undefined;
    if (item) return walk(item, path, 2, item.span);
    const node = this.places(documentSpan);
    return walk(node, path, 0, node?.span ?? documentSpan);
  }

  /** The places of item `index` of a top-level block sequence `items:`, read alone; undefined when it cannot be told where the item stands. */
  private itemPlaces(documentSpan: Span, index: number): PlacedNode | undefined {
    const sequence = this.itemSequence(documentSpan, index);
    return sequence?.kind === 'sequence' ? sequence.items[0] : undefined;
  }

  /** Item `index` read alone, as a sequence of that one item; undefined when it cannot be told where the item stands. */
  private itemSequence(documentSpan: Span, index: number): PlacedNode | undefined {
    const starts = this.listItemStartsOf(documentSpan);
    if (!starts || index + 1 >= starts.length) return undefined;
    const itemSpan = { start: starts[index], end: starts[index + 1] };
    let entry = recentPlaces.get(this, itemSpan);
    if (!entry) {
      const root = placeSource(this.text, itemSpan.start, itemSpan.end);
      // the text read must be a sequence of exactly that one item, or the lines were not told apart right
      entry = { root: root?.kind === 'sequence' && root.items.length === 1 ? root : undefined };
      recentPlaces.set(this, itemSpan, entry);
    }
    return entry.root;
  }


  /**
   * The piece of a large List that holds the offset, read alone: the item (with its index), or the
   * lines before the first item or after the last (top-level keys, `items:` without its value);
   * undefined when the items cannot be told apart, and the whole document is read.
   */
  private listPieceAt(documentSpan: Span, offset: number): ListPiece | undefined {
    const starts = this.listItemStartsOf(documentSpan);
    if (!starts) return undefined;
    const last = starts.length - 1;
    // the items' sequence runs from the first item's `-` to where the last one's, read alone, ends
    const first = this.itemSequence(documentSpan, 0);
    const lastOne = this.itemSequence(documentSpan, last - 1);
    if (!first || !lastOne) return undefined;
    if (offset >= starts[0] && (offset < starts[last] || offset <= lastOne.span.end)) {
      let low = 0;
      let high = last;
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (starts[middle] <= offset) low = middle;
        else high = middle;
      }
      // an offset where the item before ends is that item's, as the whole document is walked in order
      const before = low > 0 ? this.itemPlaces(documentSpan, low - 1) : undefined;
      if (before && offset <= before.span.end) low -= 1;
      const root = this.itemPlaces(documentSpan, low);
      return root ? { item: low, root, items: { start: first.span.start, end: lastOne.span.end } } : undefined;
    }
    const before = offset < starts[0];
    let lineStart = documentSpan.start;
    while (lineStart > 0 && this.text.charCodeAt(lineStart - 1) !== 10 && this.text.charCodeAt(lineStart - 1) !== 13) lineStart -= 1;
    const span = before ? { start: lineStart, end: starts[0] } : { start: starts[last], end: documentSpan.end };
    let entry = recentPlaces.get(this, span);
    if (!entry) {
      const root = placeSource(this.text, span.start, span.end);
      // the lines must read as a mapping, or they are not the top-level keys they were taken for
      entry = { root: root?.kind === 'map' ? withoutItemsValue(root) : undefined };
      recentPlaces.set(this, span, entry);
    }
    return entry.root ? { root: entry.root } : undefined;
  }

  private listItemStartsOf(documentSpan: Span): readonly number[] | undefined {
    const documentKey = `${documentSpan.start}:${documentSpan.end}`;
    this.itemStarts ??= new Map();
    let starts = this.itemStarts.get(documentKey);
    if (starts === undefined) this.itemStarts.set(documentKey, (starts = listItemStarts(this.text, documentSpan) ?? null));
    return starts ?? undefined;
  }

  /** Where the items of a large List start, per document asked about; null when not a block sequence under a top-level `items:`. Made when first asked. */
  private itemStarts: Map<string, readonly number[] | null> | undefined;

  nodeAt(documentSpan: Span, offset: number): NodeAtOffset | undefined {
    const path: PathSegment[] = [];
    let node: PlacedNode | undefined;
    let found: NodeAtOffset | undefined;
    const piece = documentSpan.end - documentSpan.start >= this.readItemAloneFrom ? this.listPieceAt(documentSpan, offset) : undefined;
    if (piece?.item !== undefined) {
      // within the items of a large List: the sequence, then that item read alone
      if (offset < piece.items.start || offset > piece.items.end) return undefined;
      path.push('items');
      found = { path: [...path], role: 'value', span: piece.items };
      if (offset < piece.root.span.start || offset > piece.root.span.end) return found;
      path.push(piece.item);
      node = piece.root;
      found = { path: [...path], role: 'value', span: piece.root.span };
    } else node = piece ? piece.root : this.places(documentSpan);
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

/** A piece of a large List read alone: top-level keys, or one item, with the span of the items' sequence. */
type ListPiece = { readonly item?: undefined; readonly root: PlacedNode } | { readonly item: number; readonly root: PlacedNode; readonly items: Span };

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

/** A List's lines before its first item, read alone, hold `items:` with no value: the whole document's holds none there either. */
function withoutItemsValue(root: PlacedNode & { kind: 'map' }): PlacedNode {
  return { ...root, entries: root.entries.map((entry) => (entry.key === 'items' ? { ...entry, value: undefined } : entry)) };
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
