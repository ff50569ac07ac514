import { isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';
import type { Span } from './span';

/**
 * The first alias of a document past `limit` aliases, if any. yaml caps how often one anchor is
 * expanded, not how many aliases a document holds, and resolving each alias scans every anchor
 * and alias before it: 40,000 anchors each used once took 69 s. Past the limit the document is
 * reported instead of read. Walks with a stack, not recursion.
 */
export function aliasBeyondLimit(doc: Document.Parsed, limit: number): Span | undefined {
  let count = 0;
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node)) {
      count += 1;
      const range = (node as Node).range;
      if (count > limit && range) return { start: range[0], end: range[1] };
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return undefined;
}
