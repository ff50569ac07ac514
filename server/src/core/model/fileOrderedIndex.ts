/**
 * An index whose lists are kept per file, so that replacing one file touches only its own part.
 * A key's whole list is put together on first read (in file order, or sorted when a comparison is
 * given) and kept until a file changes that key.
 */
export class FileOrderedIndex<V> {
  private readonly parts = new Map<string, Map<string, { readonly order: number; readonly values: readonly V[] }>>();
  private readonly lists = new Map<string, readonly V[]>();

  constructor(
    private readonly orderOf: (file: string) => number,
    private readonly compare?: (a: V, b: V) => number,
  ) {}

  set(key: string, file: string, values: readonly V[]): void {
    let part = this.parts.get(key);
    if (!part) {
      part = new Map();
      this.parts.set(key, part);
    }
    part.set(file, { order: this.orderOf(file), values });
    this.lists.delete(key);
  }

  delete(key: string, file: string): void {
    const part = this.parts.get(key);
    if (!part?.delete(file)) return;
    if (part.size === 0) this.parts.delete(key);
    this.lists.delete(key);
  }

  get(key: string): readonly V[] {
    let list = this.lists.get(key);
    if (list) return list;
    const part = this.parts.get(key);
    if (!part) return EMPTY;
    const parts = [...part.values()].sort((a, b) => a.order - b.order);
    const values: V[] = [];
    for (const { values: some } of parts) for (const value of some) values.push(value);
    if (this.compare) values.sort(this.compare);
    list = values;
    this.lists.set(key, list);
    return list;
  }

  keys(): IterableIterator<string> {
    return this.parts.keys();
  }
}

const EMPTY: readonly never[] = [];
