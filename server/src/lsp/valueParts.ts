/**
 * A document's plain value cut into parts of a bounded number of nodes, and put together again.
 * A worker thread's message is copied into the server's thread in one piece: a ConfigMap of
 * 200,000 keys took 110 ms to copy, during which no request was answered. Sent as parts, each
 * copied and added in its own turn of the event loop, it holds the thread a few milliseconds a part.
 *
 * A part lists entries in the order they are made: the container each goes in (by number, in the
 * order containers were made, the root being 0), its key, what it is, and its value if a leaf. An
 * object met twice (a YAML alias) is sent once and then referred to, so sharing is kept.
 */
export interface ValuePart {
  readonly parents: number[];
  /** An array's items are added in order; their key is not sent (0). */
  readonly keys: (string | number)[];
  readonly kinds: NodeKind[];
  /** The leaf's value; for a reference, the container's number; nothing for a new container. */
  readonly values: unknown[];
}

const enum NodeKind { Leaf = 0, Mapping = 1, Sequence = 2, Reference = 3 }

/** Nodes a part holds: copying one takes a few milliseconds. */
const NODES_PER_PART = 10_000;

/** Cuts `value` into parts, each of at most `nodesPerPart` entries; a value that is not a container is one part. */
export function* valueParts(value: unknown, nodesPerPart = NODES_PER_PART): Generator<ValuePart> {
  let part = emptyPart();
  const root = kindOf(value);
  if (root === NodeKind.Leaf) {
    add(part, -1, 0, NodeKind.Leaf, value);
    yield part;
    return;
  }
  add(part, -1, 0, root, undefined);
  const numbers = new Map<object, number>([[value as object, 0]]);
  // depth first, with a stack of its own: a deep document does not grow the thread's stack
  const stack: { readonly number: number; readonly entries: Iterator<readonly [string | number, unknown]> }[] = [{ number: 0, entries: entriesOf(value as object) }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const next = top.entries.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    if (part.parents.length >= nodesPerPart) {
      yield part;
      part = emptyPart();
    }
    const [key, child] = next.value;
    const kind = kindOf(child);
    if (kind === NodeKind.Leaf) {
      add(part, top.number, key, kind, child);
      continue;
    }
    const seen = numbers.get(child as object);
    if (seen !== undefined) {
      add(part, top.number, key, NodeKind.Reference, seen);
      continue;
    }
    numbers.set(child as object, numbers.size);
    add(part, top.number, key, kind, undefined);
    stack.push({ number: numbers.size - 1, entries: entriesOf(child as object) });
  }
  yield part;
}

/** Puts a value together from its parts, in the order they were cut. */
export class ValueAssembler {
  private readonly containers: (Record<string, unknown> | unknown[])[] = [];
  private root: unknown;

  add(part: ValuePart): void {
    const { parents, keys, kinds, values } = part;
    for (let i = 0; i < parents.length; i++) {
      let node: unknown;
      switch (kinds[i]) {
        case NodeKind.Leaf: node = values[i]; break;
        case NodeKind.Mapping: node = {}; this.containers.push(node as Record<string, unknown>); break;
        case NodeKind.Sequence: node = []; this.containers.push(node as unknown[]); break;
        default: node = this.containers[values[i] as number];
      }
      const parent = parents[i];
      if (parent < 0) this.root = node;
      else put(this.containers[parent], keys[i], node);
    }
  }

  get value(): unknown {
    return this.root;
  }
}

function emptyPart(): ValuePart {
  return { parents: [], keys: [], kinds: [], values: [] };
}

function add(part: ValuePart, parent: number, key: string | number, kind: NodeKind, value: unknown): void {
  part.parents.push(parent);
  part.keys.push(key);
  part.kinds.push(kind);
  part.values.push(value);
}

/** Plain objects and arrays are cut; anything else (a string, a number, a Date) goes whole. */
function kindOf(value: unknown): NodeKind {
  if (Array.isArray(value)) return NodeKind.Sequence;
  if (value === null || typeof value !== 'object') return NodeKind.Leaf;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? NodeKind.Mapping : NodeKind.Leaf;
}

function* entriesOf(container: object): Generator<readonly [string | number, unknown]> {
  if (Array.isArray(container)) for (const item of container) yield [0, item];
  else for (const key of Object.keys(container)) yield [key, (container as Record<string, unknown>)[key]];
}

function put(container: Record<string, unknown> | unknown[], key: string | number, node: unknown): void {
  if (Array.isArray(container)) container.push(node);
  // a `__proto__` key is an own property, as the parser made it, not the object's prototype
  else if (key === '__proto__') Object.defineProperty(container, key, { value: node, writable: true, enumerable: true, configurable: true });
  else container[key] = node;
}
