import { compareFiles } from './fileOrder';

/**
 * An index whose lists are kept per file, so that replacing one file touches only its own part.
 * A key's whole list is put together on first read (in file path order, decoded from URIs, so that
 * it never depends on the order files were opened in or how they are spelt; or sorted when a
 * comparison is given) and kept until a file changes that key.
 */
export class FileOrderedIndex<V> {
  private readonly parts = new Map<string, Map<string, readonly V[]>>();
  private readonly lists = new Map<string, readonly V[]>();

  constructor(private readonly compare?: (a: V, b: V) => number) {}

  set(key: string, file: string, values: readonly V[]): void {
    let part = this.parts.get(key);
    if (!part) {
      part = new Map();
      this.parts.set(key, part);
    }
    part.set(file, values);
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
    const files = [...part.keys()].sort(compareFiles);
    const values: V[] = [];
    for (const file of files) for (const value of part.get(file)!) values.push(value);
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
