import * as fs from 'node:fs';
import * as path from 'node:path';
import { readManifestFileSync } from '../files/manifestRead';
import { isManifestName, SKIPPED_FOLDERS } from '../files/manifestPaths';
import { realFoldersSync } from '../files/readTextFile';
import { UsageError } from './usageError';

export interface ReadFile {
  readonly path: string;
  readonly text?: string;
  /** Why the file was not read, as the one-line message of a `file-skipped` finding. */
  readonly skipped?: string;
}

/**
 * The manifest files under the given paths: files as named, folders walked recursively for
 * `*.yaml`, `*.yml` and `*.json`. Symbolic links to folders are not followed (no loops), nor links
 * found in a folder that lead out of every folder given; a missing path is a usage error; a file
 * that cannot be read is returned with the reason.
 */
export function collectManifestFiles(paths: readonly string[], maxFileSize: number): ReadFile[] {
  const named: string[] = [];
  const found: string[] = [];
  const folders: string[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (stat.isDirectory()) {
      folders.push(given);
      walk(given, found);
    } else {
      named.push(given);
    }
  }
  const within = realFoldersSync(folders);
  const namedSet = new Set(named.map((file) => path.normalize(file)));
  const unique = [...new Set([...namedSet, ...found.map((file) => path.normalize(file))])].sort();
  // a file named on the command line is read wherever it leads: the user chose it
  return unique.map((file) => ({ path: file, ...readManifestFileSync(file, namedSet.has(file) ? { maxFileSize } : { maxFileSize, within, walked: true }) }));
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
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isManifestName(entry.name)) {
      found.push(full);
    }
  }
}
