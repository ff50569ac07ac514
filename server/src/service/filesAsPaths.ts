import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ManifestFile } from '../core/model/clusterModel';
import type { Finding } from '../core/rules/types';

/** The file path of a `file:` URI; undefined for other schemes (an unsaved document). */
export function filePathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The editor's files named by their file paths, as kustomize and helm name them, and the way back to URIs. */
export interface FilesAsPaths {
  /** Each file read, under its path. */
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** The path of a URI, when it is a file the editor holds. */
  readonly toPath: ReadonlyMap<string, string>;
  /** The URI of a path: the editor's own for its files, else made from the path. */
  toUri(file: string): string;
}

/**
 * The rendering code of the CLI reads files by path; the editor holds them by URI. This names the
 * given files by path (their texts and parses as the editor holds them) and maps findings back.
 */
export function filesAsPaths(uris: Iterable<string>, entries: ReadonlyMap<string, ManifestFile>): FilesAsPaths {
  const toPath = new Map<string, string>();
  const toUri = new Map<string, string>();
  const files = new Map<string, ManifestFile>();
  for (const uri of uris) {
    const entry = entries.get(uri);
    const file = filePathOf(uri);
    if (!entry || file === undefined) continue;
    toPath.set(uri, file);
    toUri.set(file, uri);
    files.set(file, { ...entry, file });
  }
  return { files, toPath, toUri: (file) => toUri.get(file) ?? (path.isAbsolute(file) ? pathToFileURL(file).href : file) };
}

/** Findings on paths moved to the editor's URIs (their related places too), by URI. */
export function findingsByUri(findings: readonly Finding[], toUri: (file: string) => string): Map<string, Finding[]> {
  const byUri = new Map<string, Finding[]>();
  for (const finding of findings) {
    const uri = toUri(finding.file);
    const onUri: Finding = { ...finding, file: uri, related: finding.related.map((related) => ({ ...related, file: toUri(related.file) })) };
    const list = byUri.get(uri);
    if (list) list.push(onUri);
    else byUri.set(uri, [onUri]);
  }
  return byUri;
}
