import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readManifestFile, readManifestFileSync, type ManifestRead, type ManifestReadLimits } from '../files/manifestRead';
import { isManifestName, SKIPPED_FOLDERS } from '../files/manifestPaths';
import { realFolders } from '../files/readTextFile';

/** One spelling per file: editors and node encode file URIs differently (`%3A`, drive letters). */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** A URI's query or fragment is not part of the file name (`?` and `#` in a name are encoded). */
export function isManifestUri(uri: string): boolean {
  return isManifestName(uri.split(/[?#]/)[0]);
}

/** Folders listed at the same time: enough to keep the thread pool busy. */
const LISTINGS_IN_FLIGHT = 32;

/**
 * The manifest files below a folder URI, as URIs, sorted, as the CLI walks a folder. Symbolic
 * links to folders are not followed (no loops); `skip(uri)` prunes excluded files and folders
 * early. Folders are listed a level at a time, several at once.
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
        } else if ((entry.isFile() || entry.isSymbolicLink()) && isManifestName(entry.name)) {
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
 * How the files of a workspace folder are read: up to maxFileSize, and never through a link out of
 * the folder. `listed`: the files come from listManifests, which enters no link to a folder.
 */
export async function readLimitsOf(folderUri: string, maxFileSize: number, listed = false): Promise<ManifestReadLimits> {
  return { maxFileSize, within: await realFolders([fileURLToPath(folderUri)]), walked: listed };
}

/** A file URI read as the CLI reads a file (see readManifestFile). */
export async function readManifest(uri: string, limits: ManifestReadLimits): Promise<ManifestRead> {
  const file = pathOf(uri);
  return file === undefined ? NOT_ON_DISK : readManifestFile(file, limits);
}

/** readManifest without the thread pool, for a worker thread that reads many files in a row. */
export function readManifestSync(uri: string, limits: ManifestReadLimits): ManifestRead {
  const file = pathOf(uri);
  return file === undefined ? NOT_ON_DISK : readManifestFileSync(file, limits);
}

const NOT_ON_DISK: ManifestRead = { skipped: 'File skipped: it is not a file on disk.', missing: true };

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Runs `work` on every item with up to `width` of them under way at once. */
async function eachInParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
