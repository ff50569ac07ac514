import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './usageError';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

export interface ReadFile {
  readonly path: string;
  readonly text?: string;
  /** Why the file was not read, as the one-line message of a `file-skipped` finding. */
  readonly skipped?: string;
}

/**
 * The manifest files under the given paths: files as named, folders walked recursively for
 * `*.yaml`, `*.yml` and `*.json`. Symbolic links to folders are not followed (no loops); a
 * missing path is a usage error; a file that cannot be read is returned with its error.
 */
export function collectManifestFiles(paths: readonly string[], maxFileSize: number): ReadFile[] {
  const found: string[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (stat.isDirectory()) walk(given, found);
    else found.push(given);
  }
  const unique = [...new Set(found.map((file) => path.normalize(file)))].sort();
  return unique.map((file) => readManifest(file, maxFileSize));
}

function walk(folder: string, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      found.push(full);
    }
  }
}

function readManifest(file: string, maxFileSize: number): ReadFile {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit, so a larger file is over the limit unread
  const result = readTextFile(file, 3 * maxFileSize);
  if (result.text !== undefined) return { path: file, text: result.text };
  const reason = result.size !== undefined ? `${result.size} bytes is over the limit of ${maxFileSize} characters (setting maxFileSize)` : `cannot read it (${result.error})`;
  return { path: file, skipped: `File skipped: ${reason}.` };
}

/**
 * Reads a regular file of at most maxBytes. The file is opened without blocking and checked through
 * the open descriptor, so a FIFO, a device (a link to /dev/zero), a folder or a file swapped or
 * deleted meanwhile is refused rather than read forever or half-read.
 */
export function readTextFile(file: string, maxBytes: number): { text?: string; error?: string; size?: number } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { error: 'is a folder' };
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > maxBytes) return { size: stat.size };
    return { text: decode(fs.readFileSync(fd)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : code === 'ENOENT' ? 'no such file (a broken link?)' : code === 'ELOOP' ? 'a loop of symbolic links' : String((error as Error).message) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** UTF-8 with an optional BOM; a UTF-16 BOM is honoured too, since editors on Windows write it. */
function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  return buffer.toString('utf8');
}
