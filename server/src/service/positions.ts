import type { Position, Range } from 'vscode-languageserver';
import type { Span } from '../core/yaml/span';
import { LineTable } from './lineTable';

/**
 * The one place where core spans (UTF-16 offsets, end exclusive) become LSP positions and back.
 * Line tables are built once per text and kept while that text lives.
 */
const tables = new Map<string, { text: string; table: LineTable }>();
const MAX_CACHED = 256;

function lineTableOf(uri: string, text: string): LineTable {
  const cached = tables.get(uri);
  if (cached && cached.text === text) {
    // the same text in another string (the file read from disk, then opened in the editor): each
    // comparison read both whole, so the newest is kept, which its callers pass from then on
    cached.text = text;
    return cached.table;
  }
  const table = new LineTable(text);
  tables.delete(uri);
  tables.set(uri, { text, table });
  if (tables.size > MAX_CACHED) tables.delete(tables.keys().next().value!);
  return table;
}

export function spanToRange(uri: string, text: string, span: Span): Range {
  const table = lineTableOf(uri, text);
  return { start: table.positionAt(span.start), end: table.positionAt(span.end) };
}

export function positionToOffset(uri: string, text: string, position: Position): number {
  return lineTableOf(uri, text).offsetAt(position);
}

export function offsetToPosition(uri: string, text: string, offset: number): Position {
  return lineTableOf(uri, text).positionAt(offset);
}

/** The offset where the line of `offset` starts, and that line's indentation. */
export function lineStartAt(uri: string, text: string, offset: number): { start: number; indent: string } {
  const table = lineTableOf(uri, text);
  const line = table.positionAt(offset).line;
  const start = table.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  return { start, indent };
}
