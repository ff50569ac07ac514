import { closeSync, constants, fstatSync, openSync, readFileSync, type Dirent } from 'node:fs';
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

/** Folders listed at the same time: enough to keep the thread pool busy. */
const LISTINGS_IN_FLIGHT = 32;

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
    await eachInParallel(level, LISTINGS_IN_FLIGHT, async (folder) => {
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
 * The text of a file URI, or undefined when it cannot be read (deleted, a folder, no permission) or
 * is not a regular file. The file is opened without blocking and checked through the open handle:
 * a link to a FIFO would block a thread of the pool for good, a link to /dev/zero never ends.
 */
export async function readManifest(uri: string): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(fileURLToPath(uri), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!(await handle.stat()).isFile()) return undefined;
    return decode(await handle.readFile());
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** readManifest without the thread pool, for a worker thread that reads many files in a row. */
export function readManifestSync(uri: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(fileURLToPath(uri), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    return fstatSync(fd).isFile() ? decode(readFileSync(fd)) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** UTF-8 unless a UTF-16LE byte order mark says otherwise; a byte order mark is not text. */
function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Runs `work` on every item with up to `width` of them under way at once. */
async function eachInParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
