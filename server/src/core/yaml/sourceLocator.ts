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
    let node = this.places(documentSpan);
    let keySpan: Span | undefined;
    let valueSpan = node?.span ?? documentSpan;
    let depth = 0;
    for (const segment of path) {
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

/** Reads the document at documentSpan again for the places of its nodes. */
function placeDocument(text: string, documentSpan: Span): PlacedNode | undefined {
  // from the start of the document's first line, so that columns are as in the file
  // walked back by hand: lastIndexOf('\r') ran to the start of a file without CRs, once per document
  let lineStart = documentSpan.start;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart -= 1;
  const source = withYamlLineBreaks(text.slice(lineStart, documentSpan.end));
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
