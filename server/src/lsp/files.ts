import { close, constants, fstat, open, read, type Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** One spelling per file: editors and node encode file URIs differently (`%3A`, drive letters). */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function isManifestUri(uri: string): boolean {
  return MANIFEST_EXTENSION.test(uri.split(/[?#]/)[0]);
}

/** Folders listed, and files read, at the same time: enough to keep the thread pool busy. */
const IN_FLIGHT = 64;

/**
 * The manifest files below a folder URI, as URIs, sorted. Symbolic links to folders are not
 * followed (no loops); `skip(uri)` prunes excluded files and folders early. Folders are listed a
 * level at a time, several at once.
 */
export async function listManifests(folderUri: string, skip: (uri: string) => boolean): Promise<string[]> {
  if (!folderUri.startsWith('file:')) return [];
  const found: string[] = [];
  let level = [fileURLToPath(folderUri)];
  while (level.length > 0) {
    const below: string[] = [];
    await eachInParallel(level, async (folder) => {
      let entries: Dirent[];
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && !skip(pathToFileURL(full).href)) below.push(full);
        } else if ((entry.isFile() || entry.isSymbolicLink()) && MANIFEST_EXTENSION.test(entry.name)) {
          const uri = pathToFileURL(full).href;
          if (!skip(uri)) found.push(uri);
        }
      }
    });
    level = below;
  }
  return found.sort();
}

/**
 * The texts of file URIs, in the order given, as readManifest reads them, with several reads in
 * flight: a read waits mostly for the thread pool, and the caller parses meanwhile.
 */
export async function* readManifests(uris: readonly string[]): AsyncGenerator<{ uri: string; text: string | undefined }> {
  const reads = new Map<number, Promise<string | undefined>>();
  const start = (index: number): void => {
    if (index < uris.length) reads.set(index, readManifest(uris[index]));
  };
  for (let index = 0; index < IN_FLIGHT; index++) start(index);
  for (let index = 0; index < uris.length; index++) {
    const text = await reads.get(index);
    reads.delete(index);
    start(index + IN_FLIGHT);
    yield { uri: uris[index], text };
  }
}

/**
 * The text of a file URI, or undefined when it cannot be read (deleted, a folder, no permission) or
 * is not a regular file. The file is opened without blocking and checked through the open handle:
 * a link to a FIFO would block a thread of the pool for good, a link to /dev/zero never ends.
 * Plain callbacks, four trips to the thread pool: a FileHandle costs twice the time per file.
 */
export function readManifest(uri: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      resolve(undefined);
      return;
    }
    open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0), (error, fd) => {
      if (error) return resolve(undefined);
      const finish = (text: string | undefined): void => close(fd, () => resolve(text));
      fstat(fd, (error, stats) => {
        if (error || !stats.isFile()) return finish(undefined);
        readToEnd(fd, stats.size, (buffer) => finish(buffer && decode(buffer)));
      });
    });
  });
}

/**
 * Reads a file from its start. `size` (from fstat) ends the file after one read in the usual case;
 * room for one byte more shows a file that grew meanwhile. A virtual file (size 0, as in /proc)
 * ends only when a read returns nothing: its reads come back short long before the end.
 */
function readToEnd(fd: number, size: number, done: (buffer: Buffer | undefined) => void): void {
  let buffer = Buffer.allocUnsafe(size === 0 ? 8 * 1024 : size + 1);
  let length = 0;
  const next = (): void => {
    read(fd, buffer, length, buffer.length - length, length, (error, bytesRead) => {
      if (error) return done(undefined);
      length += bytesRead;
      if (bytesRead === 0 || length === size) return done(buffer.subarray(0, length));
      if (length === buffer.length) {
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown);
        buffer = grown;
      }
      next();
    });
  };
  next();
}

/** UTF-8 unless a UTF-16LE byte order mark says otherwise; a byte order mark is not text. */
function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Runs `work` on every item with up to IN_FLIGHT of them under way at once. */
async function eachInParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
}
