import type { Span } from '../yaml/span';

/**
 * Minimal, layout-preserving edits for quick fixes. Each returns undefined when the entry does
 * not stand the simple way (alone on its lines, in block style), so a fix is only offered when it
 * cannot reformat or break the document.
 */

/** The lines that hold a `key: value` entry, comment included, when nothing else shares them. */
export function entryLines(text: string, key: Span, value: Span): Span | undefined {
  const lineStart = text.lastIndexOf('\n', key.start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, key.start))) return undefined;
  const newline = text.indexOf('\n', value.end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  if (!/^[ \t]*(#[^\n]*)?\r?\n?$/.test(text.slice(value.end, lineEnd))) return undefined;
  return { start: lineStart, end: lineEnd };
}

/** Text to insert before an existing key so that `entry` becomes its sibling with the same indentation. */
export function siblingBefore(text: string, key: Span, entry: string): { span: Span; newText: string } | undefined {
  const lineStart = text.lastIndexOf('\n', key.start - 1) + 1;
  const prefix = text.slice(lineStart, key.start);
  const at = { start: key.start, end: key.start };
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (/^[ \t]*(-[ \t]+)?$/.test(prefix)) return { span: at, newText: `${entry}${newline}${' '.repeat(prefix.length)}` };
  if (/[{,][ \t]*$/.test(prefix)) return { span: at, newText: `${entry}, ` };
  return undefined;
}
