/** A range of source text in UTF-16 code units, end exclusive. The core speaks only in spans. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
