import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Span } from './span';

/**
 * Where every node of one YAML document stands, without its values: all that spans are recovered
 * from. Spans follow `yaml`'s node ranges (start, value end), so either reader can produce them.
 */
export type PlacedNode = PlacedMap | PlacedSequence | PlacedLeaf;

export interface PlacedMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: readonly PlacedEntry[];
}

export interface PlacedEntry {
  /** The key as a string; undefined for a key that is not a scalar (which no path can name). */
  readonly key: string | undefined;
  readonly keySpan: Span | undefined;
  readonly value: PlacedNode | undefined;
}

export interface PlacedSequence {
  readonly kind: 'sequence';
  readonly span: Span;
  readonly items: readonly (PlacedNode | undefined)[];
}

/** A scalar, an alias, or anything else a path cannot step into. */
export interface PlacedLeaf {
  readonly kind: 'leaf';
  readonly span: Span;
}

/** The places of a `yaml` node, its ranges moved by `shift`. */
export function placesOfYamlNode(node: unknown, shift: number): PlacedNode | undefined {
  const span = rangeOf(node, shift);
  if (!span) return undefined;
  if (isMap(node)) {
    const entries = node.items.map((pair): PlacedEntry => ({
      key: isScalar(pair.key) ? String(pair.key.value) : undefined,
      keySpan: rangeOf(pair.key, shift),
      value: placesOfYamlNode(pair.value, shift),
    }));
    return { kind: 'map', span, entries };
  }
  if (isSeq(node)) return { kind: 'sequence', span, items: node.items.map((item) => placesOfYamlNode(item, shift)) };
  return { kind: 'leaf', span };
}

function rangeOf(node: unknown, shift: number): Span | undefined {
  const range = (node as Node | null)?.range;
  return range ? { start: range[0] + shift, end: range[1] + shift } : undefined;
}
