import type { Span } from '../yaml/span';

/** One line of a template as written, read as far as YAML's `key: value` goes without parsing the template. */
export interface TemplateLine {
  readonly index: number;
  /** Where the line starts and ends (without its line break). */
  readonly start: number;
  readonly end: number;
  /** Columns before the key (list dashes included), or before the content. */
  readonly indent: number;
  /** The key of a `key: value` line (after any `- `), unquoted. */
  readonly key?: string;
  readonly keySpan?: Span;
  /** What follows `key:`, less a trailing comment; empty for a block (`selector:` alone). */
  readonly rest: string;
  readonly restSpan?: Span;
  /** True when the line holds no template action (`{{ … }}`). */
  readonly plain: boolean;
  readonly blank: boolean;
}

/** Reads every line of a text; `---` lines separate documents. */
export function templateLines(text: string): TemplateLine[] {
  const lines: TemplateLine[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text[end - 1] === '\r') end--;
    lines.push(readLine(text, index++, start, end));
    if (next > text.length) break;
    start = next;
  }
  return lines;
}

function readLine(text: string, index: number, start: number, end: number): TemplateLine {
  const line = text.slice(start, end);
  const plain = !line.includes('{{');
  const trimmed = line.trimStart();
  const blank = trimmed === '' || trimmed.startsWith('#');
  let at = line.length - trimmed.length;
  // list items: `- name: http`, `- - x`
  while (line.startsWith('- ', at) || line.startsWith('-\t', at)) {
    at += 2;
    while (line[at] === ' ') at++;
  }
  const indent = at;
  const key = keyAt(line, at);
  if (blank || !key) return { index, start, end, indent: line.length - trimmed.length, rest: '', plain, blank };
  let restStart = key.end + 1;
  while (line[restStart] === ' ' || line[restStart] === '\t') restStart++;
  let restEnd = line.length;
  const comment = line.indexOf(' #', restStart - 1);
  if (comment >= 0 && !insideQuotes(line.slice(restStart, comment))) restEnd = comment;
  while (restEnd > restStart && (line[restEnd - 1] === ' ' || line[restEnd - 1] === '\t')) restEnd--;
  return {
    index,
    start,
    end,
    indent,
    key: key.text,
    keySpan: { start: start + key.start, end: start + key.end },
    rest: line.slice(restStart, restEnd),
    restSpan: restEnd > restStart ? { start: start + restStart, end: start + restEnd } : undefined,
    plain,
    blank,
  };
}

/** A key at `at`: plain (`app.kubernetes.io/name`) or quoted, followed by `:` and a space or the line's end. */
function keyAt(line: string, at: number): { text: string; start: number; end: number } | undefined {
  const quote = line[at];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, at + 1);
    if (close < 0 || line[close + 1] !== ':' || !(close + 2 === line.length || line[close + 2] === ' ')) return undefined;
    return { text: line.slice(at + 1, close), start: at, end: close + 1 };
  }
  let end = at;
  while (end < line.length && line[end] !== ':' && line[end] !== ' ' && line[end] !== '{' && line[end] !== '#') end++;
  if (end === at || line[end] !== ':' || !(end + 1 === line.length || line[end + 1] === ' ' || line[end + 1] === '\t')) return undefined;
  return { text: line.slice(at, end), start: at, end };
}

function insideQuotes(text: string): boolean {
  return (text.split('"').length - 1) % 2 === 1 || (text.split("'").length - 1) % 2 === 1;
}

/** The value a plain scalar, single- or double-quoted, stands for; undefined when it is not a literal scalar. */
export function literalScalar(rest: string): string | undefined {
  if (rest === '' || rest.includes('{{') || rest.startsWith('{') || rest.startsWith('[') || rest.startsWith('|') || rest.startsWith('>') || rest.startsWith('&') || rest.startsWith('*') || rest.startsWith('!')) return undefined;
  if (rest.length >= 2 && rest.startsWith("'") && rest.endsWith("'")) return rest.slice(1, -1).replace(/''/g, "'");
  if (rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"')) {
    try {
      return JSON.parse(rest) as string;
    } catch {
      return undefined;
    }
  }
  return rest;
}

/** The lines of one document of a text split at `---` lines, by document index. */
export function documentRanges(lines: readonly TemplateLine[], text: string): { first: number; last: number }[] {
  const ranges: { first: number; last: number }[] = [];
  let first = 0;
  for (const line of lines) {
    if (text.slice(line.start, line.end).trimEnd() === '---') {
      ranges.push({ first, last: line.index - 1 });
      first = line.index + 1;
    }
  }
  ranges.push({ first, last: lines.length - 1 });
  // a leading `---`, or one with comments or template actions only around it (`{{- range … }}`), renders no document of its own
  return ranges.filter((range) => lines.slice(range.first, range.last + 1).some((line) => !line.blank && line.key !== undefined));
}
