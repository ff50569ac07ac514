import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import type { Span } from '../core/yaml/span';

/**
 * The one place where core spans (UTF-16 offsets, end exclusive) become LSP positions and back.
 * Line tables are built once per text and kept while that text lives.
 */
const documents = new Map<string, { text: string; document: TextDocument }>();
const MAX_CACHED = 256;

function documentOf(uri: string, text: string): TextDocument {
  const cached = documents.get(uri);
  if (cached && cached.text === text) return cached.document;
  const document = TextDocument.create(uri, 'yaml', 0, text);
  documents.delete(uri);
  documents.set(uri, { text, document });
  if (documents.size > MAX_CACHED) documents.delete(documents.keys().next().value!);
  return document;
}

export function spanToRange(uri: string, text: string, span: Span): Range {
  const document = documentOf(uri, text);
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function positionToOffset(uri: string, text: string, position: Position): number {
  return documentOf(uri, text).offsetAt(position);
}

export function offsetToPosition(uri: string, text: string, offset: number): Position {
  return documentOf(uri, text).positionAt(offset);
}

/** The offset where the line of `offset` starts, and that line's indentation. */
export function lineStartAt(uri: string, text: string, offset: number): { start: number; indent: string } {
  const document = documentOf(uri, text);
  const line = document.positionAt(offset).line;
  const start = document.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  return { start, indent };
}
