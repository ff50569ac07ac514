import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Span } from './span';

/** A key written twice in one mapping. */
export interface DuplicateKey {
  /** The second key, as written. */
  readonly span: Span;
  /**
   * When `yaml`'s own check would have reported it, as an offset comparable with its errors' start:
   * a block mapping checks a key before reading its value, a flow mapping after.
   */
  readonly reportedAt: number;
}

/**
 * The first duplicate key of a document, as `yaml`'s `uniqueKeys` check finds them but in linear
 * time: that check compares each key with every earlier key of its mapping, so one tag or anchor
 * (which sends a file to `yaml` instead of the fast reader) made a mapping of 16,000 keys take
 * seconds. Keys are equal as there: scalars of the same value and type (`1` and `0x1`, but not
 * `1` and `"1"`); collections and aliases never. Walks with a stack, not recursion.
 */
export function firstDuplicateKey(doc: Document.Parsed): DuplicateKey | undefined {
  let first: DuplicateKey | undefined;
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && key.range) {
          const value = key.value;
          // NaN is not equal to itself, so yaml never finds a `.nan` key twice
          if (seen.has(value) && !Number.isNaN(value)) {
            const reportedAt = node.flow ? ((pair.value as Node | null)?.range?.[1] ?? key.range[1]) : key.range[0];
            if (!first || reportedAt < first.reportedAt) first = { span: { start: key.range[0], end: key.range[1] }, reportedAt };
          }
          seen.add(value);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return first;
}

/** A key as a message shows it: on one line, and short (a key can be a megabyte long). */
export function keyForMessage(text: string, limit = 80): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
  return oneLine.length > limit ? `${oneLine.slice(0, limit)}…` : oneLine;
}
