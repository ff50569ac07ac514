import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';
import type { Fix, RuleContext } from './types';

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

/**
 * Minimal edits for quick fixes: a new `key: value` entry placed first in an existing mapping,
 * on its own line with the mapping's indentation (block style) or after `{` (flow style), so the
 * rest of the document keeps its formatting.
 */
export function insertFirstEntry(context: RuleContext, object: ManifestObject, mapPath: ValuePath, entry: string): Fix['edits'] | undefined {
  const place = context.locate({ object, path: mapPath });
  const text = context.model.file(place.file)?.text;
  if (!place.found || text === undefined) return undefined;
  const start = place.span.start;
  if (text[start] === '{') return [{ file: place.file, span: { start: start + 1, end: start + 1 }, newText: text[start + 1] === '}' ? entry : text[start + 1] === ' ' ? ` ${entry},` : `${entry}, ` }];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(lineStart, start);
  // the first key must start its own line (possibly after `- `); anything else is not a block mapping we can extend
  if (!/^[ ]*(- +)*$/.test(prefix) || /^[[\]&*!|>]/.test(text[start] ?? '')) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return [{ file: place.file, span: { start, end: start }, newText: `${entry}${newline}${' '.repeat(prefix.length)}` }];
}

/** Replaces the value at `path`, which must exist. */
export function replaceValue(context: RuleContext, object: ManifestObject, path: ValuePath, newText: string): Fix['edits'] | undefined {
  const place = context.locate({ object, path });
  return place.found ? [{ file: place.file, span: place.span, newText }] : undefined;
}

/** Makes a Service headless: `clusterIP: None`, replacing a written clusterIP or added first in `spec`. */
export function addHeadless(context: RuleContext, service: ManifestObject): Fix | undefined {
  const spec = service.body?.spec as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object' || spec.clusterIPs !== undefined) return undefined;
  const edits = spec.clusterIP !== undefined ? replaceValue(context, service, ['spec', 'clusterIP'], 'None') : insertFirstEntry(context, service, ['spec'], 'clusterIP: None');
  return edits ? { title: `Make Service "${service.name}" headless (clusterIP: None)`, edits } : undefined;
}
