/** A range of source text in UTF-16 code units, end exclusive. The core speaks only in spans. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanContains(outer: Span, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}

export function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}
