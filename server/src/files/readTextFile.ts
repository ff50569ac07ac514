import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { decodeText } from './decodeText';

export interface ReadOptions {
  /** A larger file is refused unread, and so is one that grows past it while it is read. */
  readonly maxBytes: number;
  /**
   * Real paths of the folders being analysed: a file whose real path lies outside all of them (a
   * symbolic link out of the workspace) is refused unread. Undefined for a file the user named.
   */
  readonly within?: readonly string[];
  /**
   * The file was found by walking one of `within` without entering links to folders, so only its
   * own name can be a link: a file that is none is opened without resolving its path.
   */
  readonly walked?: boolean;
}

/** A file's text, or why it was not read. */
export type TextRead =
  | { readonly kind: 'text'; readonly text: string }
  /** `bytes` is undefined when the file grew past the limit after its size was taken. */
  | { readonly kind: 'too-large'; readonly bytes: number | undefined }
  | { readonly kind: 'outside'; readonly target: string }
  /** `missing`: the path itself is gone (deleted meanwhile), not a link to nothing. */
  | { readonly kind: 'unreadable'; readonly reason: string; readonly missing: boolean };

// Without blocking: opening a FIFO for reading would otherwise wait for a writer forever.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
/** Refuses a link instead of following it (not on Windows, where every path is resolved). */
const NO_FOLLOW = fs.constants.O_NOFOLLOW;
const CHUNK = 64 * 1024;

/**
 * Reads a regular file of at most maxBytes, without following it out of `within`. The file is
 * checked through the descriptor it was opened as, so a FIFO, a device (a link to /dev/zero), a
 * folder or a file swapped meanwhile is refused rather than read forever or half-read, and the
 * read stops at maxBytes whatever the size said (virtual files say 0).
 */
export function readTextFileSync(file: string, options: ReadOptions): TextRead {
  let fd: number | undefined;
  try {
    if (options.walked && NO_FOLLOW !== undefined) {
      try {
        fd = fs.openSync(file, OPEN_FLAGS | NO_FOLLOW);
      } catch (error) {
        if (!isLinkRefused(error)) throw error;
      }
    }
    if (fd === undefined) {
      const target = options.within ? fs.realpathSync.native(file) : file;
      if (options.within && !isWithin(target, options.within)) return { kind: 'outside', target };
      fd = fs.openSync(target, OPEN_FLAGS);
    }
    const stat = fs.fstatSync(fd);
    const refused = refusalOf(stat, options.maxBytes);
    if (refused) return refused;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize(stat.size, total, options.maxBytes));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > options.maxBytes) return { kind: 'too-large', bytes: undefined };
      if (atEnd(stat.size, read, chunk.length)) break;
    }
    return { kind: 'text', text: decodeText(Buffer.concat(chunks, total)) };
  } catch (error) {
    return unreadable(error, () => pathExistsSync(file));
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** readTextFileSync through the thread pool. */
export async function readTextFile(file: string, options: ReadOptions): Promise<TextRead> {
  let handle: fsp.FileHandle | undefined;
  try {
    if (options.walked && NO_FOLLOW !== undefined) {
      try {
        handle = await fsp.open(file, OPEN_FLAGS | NO_FOLLOW);
      } catch (error) {
        if (!isLinkRefused(error)) throw error;
      }
    }
    if (handle === undefined) {
      const target = options.within ? await fsp.realpath(file) : file;
      if (options.within && !isWithin(target, options.within)) return { kind: 'outside', target };
      handle = await fsp.open(target, OPEN_FLAGS);
    }
    const stat = await handle.stat();
    const refused = refusalOf(stat, options.maxBytes);
    if (refused) return refused;
    const opened = handle;
    const read = (): Promise<TextRead> => readOpened(opened, stat.size, options.maxBytes);
    return await (stat.size > LARGE_FILE ? largeReads.run(read) : read());
  } catch (error) {
    const missing = await fsp.lstat(file).then(() => false, () => true);
    return unreadable(error, () => !missing);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function readOpened(handle: fsp.FileHandle, size: number, maxBytes: number): Promise<TextRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkSize(size, total, maxBytes));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return { kind: 'too-large', bytes: undefined };
    if (atEnd(size, bytesRead, chunk.length)) break;
  }
  return { kind: 'text', text: decodeText(Buffer.concat(chunks, total)) };
}

/**
 * Files above this size are read one at a time: the server reads dozens of files at once, and as
 * many links to one file of 3 × maxFileSize bytes would hold a gigabyte together.
 */
const LARGE_FILE = 1024 * 1024;

/** Runs one task at a time, in the order given. */
class OneAtATime {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task);
    this.last = result.catch(() => undefined);
    return result;
  }
}

const largeReads = new OneAtATime();

/** The real paths of folders, for `within`; a folder that cannot be resolved stands as given. */
export function realFoldersSync(folders: readonly string[]): string[] {
  return folders.map((folder) => {
    try {
      return fs.realpathSync.native(folder);
    } catch {
      return path.resolve(folder);
    }
  });
}

/** realFoldersSync through the thread pool. */
export function realFolders(folders: readonly string[]): Promise<string[]> {
  return Promise.all(folders.map((folder) => fsp.realpath(folder).catch(() => path.resolve(folder))));
}

/** The error of opening a link with O_NOFOLLOW (ELOOP; EMLINK on FreeBSD): resolve it instead. */
function isLinkRefused(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ELOOP' || code === 'EMLINK';
}

function isWithin(target: string, folders: readonly string[]): boolean {
  return folders.some((folder) => target === folder || target.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep));
}

function refusalOf(stat: fs.Stats, maxBytes: number): TextRead | undefined {
  if (stat.isDirectory()) return { kind: 'unreadable', reason: 'is a folder', missing: false };
  if (!stat.isFile()) return { kind: 'unreadable', reason: 'not a regular file', missing: false };
  if (stat.size > maxBytes) return { kind: 'too-large', bytes: stat.size };
  return undefined;
}

/** The whole file and one byte more in the first read, so that a file that grew is seen; never past maxBytes + 1. */
function chunkSize(size: number, total: number, maxBytes: number): number {
  return Math.max(1, Math.min(total < size ? size + 1 - total : CHUNK, maxBytes + 1 - total));
}

/**
 * A short read of a regular file is its end; a file whose size says 0 (in /proc) is read in
 * short pieces, so only an empty read ends it.
 */
function atEnd(size: number, read: number, asked: number): boolean {
  return read === 0 || (size > 0 && read < asked);
}

function unreadable(error: unknown, pathExists: () => boolean): TextRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const exists = pathExists();
    return { kind: 'unreadable', reason: exists ? 'a broken link' : 'no such file', missing: !exists };
  }
  const reason = code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : code === 'ELOOP' ? 'a loop of symbolic links' : code === 'ENOTDIR' ? 'no such file' : String((error as Error).message);
  return { kind: 'unreadable', reason, missing: code === 'ENOTDIR' };
}

function pathExistsSync(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
