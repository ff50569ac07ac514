import { constants } from 'node:fs';
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

/**
 * The manifest files below a folder URI, as URIs, sorted. Symbolic links to folders are not
 * followed (no loops); `skip(uri)` prunes excluded files and folders early.
 */
export async function listManifests(folderUri: string, skip: (uri: string) => boolean): Promise<string[]> {
  if (!folderUri.startsWith('file:')) return [];
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !skip(pathToFileURL(full).href)) await walk(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && MANIFEST_EXTENSION.test(entry.name)) {
        const uri = pathToFileURL(full).href;
        if (!skip(uri)) found.push(uri);
      }
    }
  };
  await walk(fileURLToPath(folderUri));
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
    const buffer = await handle.readFile();
    if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
    const text = buffer.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
