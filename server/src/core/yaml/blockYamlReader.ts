import type { PlacedEntry, PlacedNode } from './nodePlaces';
import type { Span } from './span';

/** Manifests nest flow collections a level or two; anything deeper goes to `yaml` and its depth guard. */
const MAX_FLOW_DEPTH = 16;

/**
 * A fast first pass for the block-style YAML that manifests are written in: block maps and
 * sequences, plain and quoted one-line scalars, `|` and `>` block scalars, comments, `---`
 * markers and one-line flow collections. It gives the same plain values as the `yaml` package
 * (YAML 1.2 core schema) and the same document spans, and gives up — returning undefined, so the
 * caller reads the file with `yaml` — on anything else: anchors, aliases, tags, complex keys,
 * multi-line flow or quoted or plain scalars, tabs, directives, and every error.
 *
 * Asked for places, it also records where each node stands, as `yaml`'s node ranges do: how
 * spans are recovered for findings and hovers without building `yaml`'s syntax tree.
 */
export interface BlockYamlDocument {
  readonly index: number;
  readonly span: Span;
  readonly value: unknown;
  /** Where the document's nodes stand; only when asked for, and absent for an empty document. */
  readonly places?: PlacedNode;
}

/** Where a text read for places begins in its file: every place is moved by that offset. */
export interface Placing {
  readonly offset: number;
}

export function readBlockYaml(text: string, placing?: Placing): BlockYamlDocument[] | undefined {
  // tabs, carriage returns, other control characters and byte-order marks: leave them to `yaml`
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  try {
    return new BlockYamlReader(text, placing).documents();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

const UNSUPPORTED_CHARACTER = /[\x00-\x09\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/;

/** Thrown (one shared instance, no stack) to abandon the fast pass. */
const GIVE_UP = { reason: 'not plain block YAML' };

const NL = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const DOT = 46;
const BACKSLASH = 92;
const EXCLAMATION = 33;
/** `!local`, `!!str`, `!prefix!name`, or verbatim `!<tag:yaml.org,2002:str>`. */
const PLAIN_TAG = /^(?:!!?[\w./:-]*(?:![\w./:-]+)?|!<[^>\s]+>)$/;

/** What the next line with content holds. */
const enum LineKind {
  Content,
  DocumentStart,
  End,
}

class BlockYamlReader {
  /** Start of the next line not consumed yet. */
  private pos = 0;
  /** After `peek`: the line's kind, start, indentation, and the offset of its first character. */
  private kind = LineKind.End;
  private lineStart = 0;
  private indent = 0;
  private first = 0;
  /** End offset of the last node read, as `yaml` ranges a node (what a document span ends with). */
  private lastEnd = 0;
  /** Whether the last node read was an empty value (null written as nothing). */
  private lastWasEmpty = false;
  private lastEmptyCommented = false;
  /** When placing: where the last node read stands. */
  private placed: PlacedNode | undefined;
  /** Block collections open around the current line. */
  private depth = 0;

  private readonly placing: boolean;
  private readonly offset: number;

  constructor(
    private readonly text: string,
    placing: Placing | undefined,
  ) {
    this.placing = placing !== undefined;
    this.offset = placing?.offset ?? 0;
  }

  /** A span of this text as it stands in its file. */
  private spanOf(start: number, end: number): Span {
    return { start: start + this.offset, end: end + this.offset };
  }

  documents(): BlockYamlDocument[] {
    const documents: BlockYamlDocument[] = [];
    // after a `---` with no content yet: where its empty document stands (NaN when unknown)
    let openMarker: number | undefined;
    const pushEmpty = (at: number): void => {
      if (Number.isNaN(at)) throw GIVE_UP;
      const span = { start: at, end: at };
      documents.push(this.placing ? { index: documents.length, span, value: null, places: { kind: 'leaf', span: this.spanOf(at, at) } } : { index: documents.length, span, value: null });
    };
    for (;;) {
      this.peek();
      if (this.kind === LineKind.End) {
        if (openMarker !== undefined) pushEmpty(openMarker);
        return documents;
      }
      if (this.kind === LineKind.DocumentStart) {
        if (openMarker !== undefined) pushEmpty(openMarker);
        openMarker = this.readMarker();
        continue;
      }
      const start = this.first;
      const value = this.blockNode(-1);
      this.peek();
      // a root node must run to the end of its document
      if (this.kind === LineKind.Content) throw GIVE_UP;
      // `yaml` stretches a document over some comments after its last value (indented ones, or any
      // after an empty value) in ways not worth copying
      const trailing = this.text.slice(this.lastEnd, this.pos);
      if (this.lastWasEmpty ? this.lastEmptyCommented || trailing.includes('#') : trailing.includes('#') && /(?:^|\n) +#/.test(trailing)) throw GIVE_UP;
      const span = { start, end: this.lastEnd };
      documents.push(this.placing ? { index: documents.length, span, value, places: this.placed } : { index: documents.length, span, value });
      openMarker = undefined;
    }
  }

  /**
   * Where a block collection ends, as `yaml` ranges it: where its last node does. `yaml` stretches
   * a nested collection over comment lines after that node, and over the next line's indentation
   * after an empty value with a comment (`labels: # c`), by rules not worth copying, so placing
   * gives up there (the document's own end is settled in documents()).
   */
  private collectionEnd(): number {
    if (this.depth > 1) {
      // after an empty value with a comment, `yaml` runs a nested collection on to the next line's content
      if (this.lastWasEmpty && this.lastEmptyCommented) throw GIVE_UP;
      const text = this.text;
      if (this.lastWasEmpty && this.lastEmptyCommented) throw GIVE_UP;
      for (let at = this.lastEnd; at < this.pos; at++) if (text.charCodeAt(at) === HASH) throw GIVE_UP;
    }
    return this.lastEnd;
  }

  /** Consumes a `---` line; returns where an empty document would start, or NaN when a comment follows. */
  private readMarker(): number {
    const text = this.text;
    let at = this.lineStart + 3;
    while (text.charCodeAt(at) === SPACE) at++;
    const lineEnd = this.lineEndFrom(at);
    if (at < lineEnd) {
      // `--- # comment` is fine before content; anything else on the marker line is not ours
      if (text.charCodeAt(at) !== HASH || text.charCodeAt(at - 1) !== SPACE) throw GIVE_UP;
      this.pos = nextLine(text, lineEnd);
      return NaN;
    }
    this.pos = nextLine(text, lineEnd);
    return at;
  }

  /**
   * Finds the next line with content from `pos`, skipping blank and comment lines (which are
   * consumed), and describes it. Directives and document ends are given up on.
   */
  private peek(): void {
    const text = this.text;
    const length = text.length;
    let start = this.pos;
    while (start < length) {
      let at = start;
      while (text.charCodeAt(at) === SPACE) at++;
      const code = text.charCodeAt(at);
      if (at >= length) {
        start = length;
        break;
      }
      if (code === NL) {
        start = at + 1;
        continue;
      }
      if (code === HASH) {
        start = nextLine(text, this.lineEndFrom(at));
        continue;
      }
      this.pos = start;
      this.lineStart = start;
      this.indent = at - start;
      this.first = at;
      if (at === start) {
        if (code === 37 /* % */) throw GIVE_UP;
        if (isMarker(text, start, DASH)) {
          this.kind = LineKind.DocumentStart;
          return;
        }
        if (isMarker(text, start, DOT)) throw GIVE_UP;
      }
      this.kind = LineKind.Content;
      return;
    }
    this.pos = start;
    this.kind = LineKind.End;
  }

  /** A block collection starting on the peeked line, which must be more indented than parentIndent. */
  private blockNode(parentIndent: number): unknown {
    if (this.indent <= parentIndent) throw GIVE_UP;
    const at = this.first;
    if (this.isSequenceEntry(at)) return this.sequence(this.indent, at);
    const key = this.keyAt(at);
    if (key) return this.mapping(this.indent, key);
    // a scalar or flow collection on a line of its own: leave it to `yaml`
    throw GIVE_UP;
  }

  private isSequenceEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NL || at + 1 >= this.text.length;
  }

  /** A block mapping whose keys stand at column `indent`, from its first key on the current line. */
  private mapping(indent: number, firstKey: KeyAt): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const entries: PlacedEntry[] | undefined = this.placing ? [] : undefined;
    let key: KeyAt | undefined = firstKey;
    this.depth++;
    for (;;) {
      if (Object.prototype.hasOwnProperty.call(result, key.key) || key.key === '__proto__' || key.key === '<<') throw GIVE_UP;
      result[key.key] = this.valueAfterIndicator(indent, key.afterColon, true);
      entries?.push({ key: key.key, keySpan: this.spanOf(key.start, key.end), value: this.placed });
      this.peek();
      if (this.kind !== LineKind.Content || this.indent < indent) break;
      if (this.indent > indent) throw GIVE_UP;
      // a sequence at the same column ends the mapping only where a parent sequence resumes
      if (this.isSequenceEntry(this.first)) break;
      key = this.keyAt(this.first);
      if (!key) throw GIVE_UP;
    }
    if (entries) this.placed = { kind: 'map', span: this.spanOf(firstKey.start, this.collectionEnd()), entries };
    this.depth--;
    return result;
  }

  /** A block sequence whose `-` stand at column `indent`; the first is at `at`. */
  private sequence(indent: number, at: number): unknown[] {
    const result: unknown[] = [];
    const items: (PlacedNode | undefined)[] | undefined = this.placing ? [] : undefined;
    const start = at;
    this.depth++;
    for (;;) {
      result.push(this.sequenceItem(indent, at));
      items?.push(this.placed);
      this.peek();
      if (this.kind !== LineKind.Content || this.indent < indent) break;
      if (this.indent > indent) throw GIVE_UP;
      if (!this.isSequenceEntry(this.first)) break;
      at = this.first;
    }
    if (items) this.placed = { kind: 'sequence', span: this.spanOf(start, this.collectionEnd()), items };
    this.depth--;
    // an array pushed into keeps room for 17 items: the few of a manifest's list get one of their size
    return result.slice();
  }

  private sequenceItem(indent: number, dash: number): unknown {
    const text = this.text;
    let at = dash + 1;
    while (text.charCodeAt(at) === SPACE) at++;
    const column = at - this.lineStart;
    // `- - x`: a sequence in a sequence; `- key: value`: a mapping in a sequence
    if (at < text.length && this.isSequenceEntry(at)) return this.sequence(column, at);
    const key = this.keyAt(at);
    if (key) return this.mapping(column, key);
    return this.valueAfterIndicator(indent, dash + 1, false);
  }

  /**
   * The value after `key:` or `-` at `from` on the current line. For a mapping value, a sequence
   * may continue at the key's own column (`key:\n- a`).
   */
  private valueAfterIndicator(indent: number, from: number, inMapping: boolean): unknown {
    const text = this.text;
    let at = from;
    while (text.charCodeAt(at) === SPACE) at++;
    const lineEnd = this.lineEndFrom(at);
    const code = text.charCodeAt(at);
    if (this.placing && code === EXCLAMATION) {
      // a tag (`data: !!map`) stands outside its node's range: placing steps over it. Reading
      // values still gives up on tags, which may change a value (`!!str 1`); placing asks for none.
      let end = at;
      while (end < lineEnd && text.charCodeAt(end) !== SPACE) end++;
      // only tags that plainly end at the space (`!!str,` is a tag then a comma): the rest to `yaml`
      if (!PLAIN_TAG.test(text.slice(at, end))) throw GIVE_UP;
      return this.valueAfterIndicator(indent, end, inMapping);
    }
    if (at >= lineEnd || code === HASH) {
      // nothing on this line: a block collection below, or null
      const commented = at < lineEnd;
      const nullEnd = commented ? nextLine(text, lineEnd) : lineEnd;
      this.pos = nextLine(text, lineEnd);
      this.peek();
      if (this.kind === LineKind.Content) {
        if (this.indent > indent) return this.blockNode(indent);
        if (inMapping && this.indent === indent && this.isSequenceEntry(this.first)) return this.sequence(indent, this.first);
      }
      this.lastEnd = nullEnd;
      this.lastWasEmpty = true;
      this.lastEmptyCommented = commented;
      // `yaml` places an empty value where the line's content would begin
      if (this.placing) this.placed = { kind: 'leaf', span: this.spanOf(at, at) };
      return null;
    }
    let value: unknown;
    let after: number;
    switch (code) {
      case 124: // |
      case 62: // >
        return this.blockScalar(indent, at, lineEnd);
      case DOUBLE_QUOTE:
        ({ value, after } = this.doubleQuoted(at, lineEnd));
        break;
      case SINGLE_QUOTE:
        ({ value, after } = this.singleQuoted(at, lineEnd));
        break;
      case OPEN_BRACKET:
      case OPEN_BRACE:
        // places itself, with its items
        ({ value, after } = this.flowNode(at, lineEnd));
        break;
      default: {
        if (isIndicator(code) || (code === DASH && (at + 1 >= lineEnd || text.charCodeAt(at + 1) === SPACE))) throw GIVE_UP;
        const end = plainEnd(text, at, lineEnd);
        const raw = text.slice(at, end);
        // `a: b: c` or a key where a value should be
        if (raw.includes(': ') || raw.charCodeAt(raw.length - 1) === COLON) throw GIVE_UP;
        value = resolvePlain(raw);
        after = end;
      }
    }
    if (this.placing && code !== OPEN_BRACKET && code !== OPEN_BRACE) this.placed = { kind: 'leaf', span: this.spanOf(at, after) };
    this.endOfLine(after, lineEnd);
    this.lastEnd = nextLine(text, lineEnd);
    this.lastWasEmpty = false;
    this.pos = this.lastEnd;
    // a more indented line below a one-line scalar would continue it: multi-line, not ours
    this.peek();
    if (this.kind === LineKind.Content && this.indent > indent) throw GIVE_UP;
    return value;
  }

  /** Only spaces and a comment may follow a value on its line. */
  private endOfLine(after: number, lineEnd: number): void {
    const text = this.text;
    let at = after;
    while (text.charCodeAt(at) === SPACE) at++;
    if (at < lineEnd && !(text.charCodeAt(at) === HASH && at > after)) throw GIVE_UP;
  }

  /** `|` or `>` with optional chomping; the content lines are more indented than `indent`. */
  private blockScalar(indent: number, at: number, lineEnd: number): string {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    let chomp: 'clip' | 'strip' = 'clip';
    let header = at + 1;
    const indicator = text.charCodeAt(header);
    if (indicator === DASH) chomp = 'strip';
    // keep chomping (`|+`) is rare in manifests and `yaml` treats its trailing lines subtly: not ours
    else if (indicator === 43 /* + */) throw GIVE_UP;
    if (chomp !== 'clip') header++;
    this.endOfLine(header, lineEnd);
    // read the lines: content is indented by the first non-empty line's indentation
    const lines: string[] = [];
    let blockIndent = -1;
    let lineStart = nextLine(text, lineEnd);
    let contentEnd = lineStart;
    let keptEnd = lineStart;
    const length = text.length;
    while (lineStart < length) {
      let cursor = lineStart;
      while (text.charCodeAt(cursor) === SPACE) cursor++;
      const end = this.lineEndFrom(cursor);
      const spaces = cursor - lineStart;
      if (cursor >= end) {
        // an empty line: more spaces than the content's indentation would be content
        if (blockIndent >= 0 ? spaces > blockIndent : spaces > indent + 1) throw GIVE_UP;
        lines.push('');
        lineStart = nextLine(text, end);
        keptEnd = lineStart;
        continue;
      }
      if (blockIndent < 0) {
        if (spaces <= indent) break;
        blockIndent = spaces;
      } else if (spaces < blockIndent) {
        break;
      }
      // a document marker ends the scalar even inside it; in practice content is indented
      if (folded && spaces > blockIndent) throw GIVE_UP;
      lines.push(text.slice(lineStart + blockIndent, end));
      lineStart = nextLine(text, end);
      contentEnd = lineStart;
      keptEnd = lineStart;
    }
    if (blockIndent < 0) throw GIVE_UP;
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (folded && lines[0] === '') throw GIVE_UP;
    let body = folded ? fold(lines) : lines.join('\n');
    if (chomp !== 'strip') body += '\n';
    if (this.placing) this.placed = { kind: 'leaf', span: this.spanOf(at, contentEnd) };
    this.lastEnd = contentEnd;
    this.lastWasEmpty = false;
    this.pos = keptEnd;
    return body;
  }

  /** A one-line double-quoted scalar starting at `at`. */
  private doubleQuoted(at: number, lineEnd: number): { value: string; after: number } {
    const text = this.text;
    let value = '';
    let chunk = at + 1;
    for (let cursor = at + 1; cursor < lineEnd; cursor++) {
      const code = text.charCodeAt(cursor);
      if (code === DOUBLE_QUOTE) return { value: value + text.slice(chunk, cursor), after: cursor + 1 };
      if (code !== BACKSLASH) continue;
      value += text.slice(chunk, cursor);
      const escape = text[cursor + 1];
      const simple = ESCAPES[escape];
      if (simple !== undefined) {
        value += simple;
        cursor += 1;
      } else {
        const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
        const hex = text.slice(cursor + 2, cursor + 2 + digits);
        if (digits === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw GIVE_UP;
        const codePoint = parseInt(hex, 16);
        if (codePoint > 0x10ffff) throw GIVE_UP;
        value += String.fromCodePoint(codePoint);
        cursor += 1 + digits;
      }
      chunk = cursor + 1;
    }
    throw GIVE_UP;
  }

  private singleQuoted(at: number, lineEnd: number): { value: string; after: number } {
    const text = this.text;
    let value = '';
    let chunk = at + 1;
    for (let cursor = at + 1; cursor < lineEnd; cursor++) {
      if (text.charCodeAt(cursor) !== SINGLE_QUOTE) continue;
      value += text.slice(chunk, cursor);
      if (text.charCodeAt(cursor + 1) === SINGLE_QUOTE) {
        value += "'";
        cursor += 1;
        chunk = cursor + 1;
        continue;
      }
      return { value, after: cursor + 1 };
    }
    throw GIVE_UP;
  }

  /** A flow collection or scalar that must close on this line; deep flow nesting is left to `yaml`. */
  private flowNode(at: number, lineEnd: number, depth = 0): { value: unknown; after: number } {
    if (depth > MAX_FLOW_DEPTH) throw GIVE_UP;
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const quoted = code === DOUBLE_QUOTE ? this.doubleQuoted(at, lineEnd) : this.singleQuoted(at, lineEnd);
      if (this.placing) this.placed = { kind: 'leaf', span: this.spanOf(at, quoted.after) };
      return quoted;
    }
    if (code === OPEN_BRACKET) {
      const items: unknown[] = [];
      const places: (PlacedNode | undefined)[] | undefined = this.placing ? [] : undefined;
      let cursor = skipSpaces(text, at + 1);
      if (text.charCodeAt(cursor) !== CLOSE_BRACKET) {
        for (;;) {
          const item = this.flowNode(cursor, lineEnd, depth + 1);
          items.push(item.value);
          places?.push(this.placed);
          cursor = skipSpaces(text, item.after);
          const next = text.charCodeAt(cursor);
          if (cursor >= lineEnd) throw GIVE_UP;
          if (next === CLOSE_BRACKET) break;
          if (next !== COMMA) throw GIVE_UP;
          cursor = skipSpaces(text, cursor + 1);
          if (cursor >= lineEnd || text.charCodeAt(cursor) === CLOSE_BRACKET) throw GIVE_UP;
        }
      }
      if (places) this.placed = { kind: 'sequence', span: this.spanOf(at, cursor + 1), items: places };
      return { value: items, after: cursor + 1 };
    }
    if (code === OPEN_BRACE) {
      const map: Record<string, unknown> = {};
      const entries: PlacedEntry[] | undefined = this.placing ? [] : undefined;
      let cursor = skipSpaces(text, at + 1);
      if (text.charCodeAt(cursor) !== CLOSE_BRACE) {
        for (;;) {
          const key = this.flowKey(cursor, lineEnd);
          if (Object.prototype.hasOwnProperty.call(map, key.key) || key.key === '__proto__' || key.key === '<<') throw GIVE_UP;
          const value = this.flowNode(skipSpaces(text, key.afterColon), lineEnd, depth + 1);
          map[key.key] = value.value;
          entries?.push({ key: key.key, keySpan: this.spanOf(key.start, key.end), value: this.placed });
          cursor = skipSpaces(text, value.after);
          const next = text.charCodeAt(cursor);
          if (cursor >= lineEnd) throw GIVE_UP;
          if (next === CLOSE_BRACE) break;
          if (next !== COMMA) throw GIVE_UP;
          cursor = skipSpaces(text, cursor + 1);
          if (cursor >= lineEnd || text.charCodeAt(cursor) === CLOSE_BRACE) throw GIVE_UP;
        }
      }
      if (entries) this.placed = { kind: 'map', span: this.spanOf(at, cursor + 1), entries };
      return { value: map, after: cursor + 1 };
    }
    if (at >= lineEnd || isIndicator(code) || code === COLON || (code === DASH && isFlowBreak(text.charCodeAt(at + 1)))) throw GIVE_UP;
    let end = at;
    while (end < lineEnd) {
      const c = text.charCodeAt(end);
      if (c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE) break;
      if (c === HASH && text.charCodeAt(end - 1) === SPACE) throw GIVE_UP;
      // `a: b` inside a flow sequence is an implicit pair, and in a flow map a nested one
      if (c === COLON) {
        const n = text.charCodeAt(end + 1);
        if (end + 1 >= lineEnd || n === SPACE || n === COMMA || n === CLOSE_BRACKET || n === CLOSE_BRACE || n === OPEN_BRACKET || n === OPEN_BRACE) throw GIVE_UP;
      }
      end++;
    }
    let trimmed = end;
    while (text.charCodeAt(trimmed - 1) === SPACE) trimmed--;
    if (this.placing) this.placed = { kind: 'leaf', span: this.spanOf(at, trimmed) };
    return { value: resolvePlain(text.slice(at, trimmed)), after: end };
  }

  /** A key inside `{…}`: quoted, or plain up to `: `. */
  private flowKey(at: number, lineEnd: number): KeyAt {
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const quoted = code === DOUBLE_QUOTE ? this.doubleQuoted(at, lineEnd) : this.singleQuoted(at, lineEnd);
      const colon = skipSpaces(text, quoted.after);
      if (text.charCodeAt(colon) !== COLON) throw GIVE_UP;
      return { key: quoted.value, afterColon: colon + 1, start: at, end: quoted.after };
    }
    if (isIndicator(code) || code === DASH || code === COLON) throw GIVE_UP;
    for (let cursor = at; cursor < lineEnd; cursor++) {
      const c = text.charCodeAt(cursor);
      if (c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE || c === HASH) throw GIVE_UP;
      if (c === COLON && text.charCodeAt(cursor + 1) === SPACE) {
        let end = cursor;
        while (text.charCodeAt(end - 1) === SPACE) end--;
        return { key: stringKey(text.slice(at, end)), afterColon: cursor + 1, start: at, end };
      }
    }
    throw GIVE_UP;
  }

  /** `key:` at `at` (plain or quoted, followed by `: ` or the end of the line), else undefined. */
  private keyAt(at: number): KeyAt | undefined {
    const text = this.text;
    const code = text.charCodeAt(at);
    const lineEnd = this.lineEndFrom(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const quoted = code === DOUBLE_QUOTE ? this.doubleQuoted(at, lineEnd) : this.singleQuoted(at, lineEnd);
      const colon = skipSpaces(text, quoted.after);
      if (text.charCodeAt(colon) !== COLON) return undefined;
      if (colon + 1 < lineEnd && text.charCodeAt(colon + 1) !== SPACE) throw GIVE_UP;
      return { key: quoted.value, afterColon: colon + 1, start: at, end: quoted.after };
    }
    if (isIndicator(code) || code === DASH || code === COLON || code === 63 /* ? */) return undefined;
    for (let cursor = at; cursor < lineEnd; cursor++) {
      const c = text.charCodeAt(cursor);
      if (c === HASH && text.charCodeAt(cursor - 1) === SPACE) return undefined;
      if (c === COLON && (cursor + 1 >= lineEnd || text.charCodeAt(cursor + 1) === SPACE)) {
        if (cursor - at > 1000) throw GIVE_UP;
        let end = cursor;
        while (text.charCodeAt(end - 1) === SPACE) end--;
        const raw = text.slice(at, end);
        if (raw.includes('"') || raw.includes("'")) throw GIVE_UP;
        return { key: stringKey(raw), afterColon: cursor + 1, start: at, end };
      }
    }
    return undefined;
  }

  private lineEndFrom(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end < 0 ? this.text.length : end;
  }
}

interface KeyAt {
  readonly key: string;
  readonly afterColon: number;
  /** Where the key stands, quotes included. */
  readonly start: number;
  readonly end: number;
}

function nextLine(text: string, lineEnd: number): number {
  return lineEnd < text.length ? lineEnd + 1 : text.length;
}

function skipSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === SPACE) at++;
  return at;
}

/** A space, a flow indicator or the end of a line: what ends a plain scalar's first character in flow. */
function isFlowBreak(code: number): boolean {
  return Number.isNaN(code) || code === SPACE || code === NL || code === COMMA || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE;
}

/** `---` or `...` at the start of a line, followed by a space or the end of the line. */
function isMarker(text: string, start: number, code: number): boolean {
  if (text.charCodeAt(start) !== code || text.charCodeAt(start + 1) !== code || text.charCodeAt(start + 2) !== code) return false;
  const after = text.charCodeAt(start + 3);
  return start + 3 >= text.length || after === SPACE || after === NL;
}

/** Characters that cannot start a plain scalar here, or that start a construct we leave to `yaml`. */
function isIndicator(code: number): boolean {
  switch (code) {
    case 33: // !
    case 37: // %
    case 38: // &
    case 42: // *
    case 64: // @
    case 96: // `
    case 63: // ?
    case 124: // |
    case 62: // >
    case HASH:
    case COMMA:
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case OPEN_BRACE:
    case CLOSE_BRACE:
    case DOUBLE_QUOTE:
    case SINGLE_QUOTE:
      return true;
    default:
      return false;
  }
}

/** End of a one-line plain scalar in block context: before ` #` or the line end, trailing spaces trimmed. */
function plainEnd(text: string, at: number, lineEnd: number): number {
  let end = lineEnd;
  for (let cursor = at + 1; cursor < lineEnd; cursor++) {
    if (text.charCodeAt(cursor) === HASH && text.charCodeAt(cursor - 1) === SPACE) {
      end = cursor - 1;
      break;
    }
  }
  while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
  return end;
}

/** Folds `>` lines: a single line break becomes a space, n+1 breaks become n newlines. */
function fold(lines: readonly string[]): string {
  let result = '';
  let breaks = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') {
      breaks++;
      continue;
    }
    if (index > 0) result += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    result += line;
    breaks = 0;
  }
  return result;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** A plain key must read as a string under the core schema; a number, boolean or null key is left to `yaml`. */
function stringKey(raw: string): string {
  if (raw === '' || typeof resolvePlain(raw) !== 'string') throw GIVE_UP;
  return raw;
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar under the YAML 1.2 core schema, resolved as `yaml` does (tags tried in its order). */
export function resolvePlain(raw: string): unknown {
  const first = raw.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 43 || first === DASH || first === DOT) {
    if (INT_OCT.test(raw)) return parseInt(raw.substring(2), 8);
    if (INT.test(raw)) return parseInt(raw, 10);
    if (INT_HEX.test(raw)) return parseInt(raw.substring(2), 16);
    if (FLOAT_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
    return raw;
  }
  if (first === 126 /* ~ */ || first === 110 || first === 78) return NULL.test(raw) ? null : raw;
  if (first === 116 || first === 84 || first === 102 || first === 70) return BOOL.test(raw) ? raw[0] === 't' || raw[0] === 'T' : raw;
  return raw;
}
