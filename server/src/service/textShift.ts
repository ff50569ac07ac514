import type { Span } from '../core/yaml/span';

/**
 * Where the offsets of one text of a document stand in a later one, when the two differ in one
 * stretch (the edits made between them, from the first changed character to the last). Offsets
 * before the stretch stay, those after it move by the change in length, and those inside it have
 * no place.
 */
export class TextShift {
  /** Characters both texts start with. */
  private readonly prefix: number;
  /** Where the changed stretch ends in the earlier text. */
  private readonly changedEnd: number;
  private readonly delta: number;

  constructor(before: string, after: string) {
    const shorter = Math.min(before.length, after.length);
    let prefix = 0;
    while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
    this.prefix = prefix;
    this.changedEnd = before.length - suffix;
    this.delta = after.length - before.length;
  }

  /** The span in the later text; undefined when it starts or ends inside the changed stretch. */
  span(span: Span): Span | undefined {
    const start = span.start >= this.changedEnd ? span.start + this.delta : span.start < this.prefix ? span.start : undefined;
    if (start === undefined) return undefined;
    if (span.end === span.start) return { start, end: start };
    // an insertion right after a span does not widen it
    const end = span.end <= this.prefix ? span.end : span.end >= this.changedEnd ? span.end + this.delta : undefined;
    if (end === undefined || end < start) return undefined;
    return { start, end };
  }
}
