import { compareFiles } from './fileOrder';

/**
 * An index whose lists are kept per file, so that replacing one file touches only its own part.
 * A key's whole list is put together on first read (in file path order, decoded from URIs, so that
 * it never depends on the order files were opened in or how they are spelt; or sorted when a
 * comparison is given) and kept until a file changes that key.
 */
export class FileOrderedIndex<V> {
  private readonly parts = new Map<string, Map<string, V[]>>();
  private readonly lists = new Map<string, readonly V[]>();

  constructor(private readonly compare?: (a: V, b: V) => number) {}

  /** Adds a value at the end of the file's part of the key. */
  push(key: string, file: string, value: V): void {
    let part = this.parts.get(key);
    if (!part) {
      part = new Map();
      this.parts.set(key, part);
    }
    const values = part.get(file);
    if (values) values.push(value);
    else part.set(file, [value]);
    this.lists.delete(key);
  }

  /** Takes a value out of the file's part of the key (found from the end: a file is taken down last object first). */
  remove(key: string, file: string, value: V): void {
    const part = this.parts.get(key);
    const values = part?.get(file);
    const index = values ? values.lastIndexOf(value) : -1;
    if (!part || !values || index < 0) return;
    values.splice(index, 1);
    if (values.length === 0) part.delete(file);
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
