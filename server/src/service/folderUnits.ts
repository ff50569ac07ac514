import type { ApplyUnit, ConfiguredCluster } from '../core/units/applyUnit';
import { discoverApplyUnits } from '../core/units/discoverApplyUnits';
import { baseName } from '../core/units/workspacePath';

/**
 * The apply units of a workspace folder, with files as URIs. Discovery reads `/`-separated paths
 * relative to the folder (`pathInFolder`), as the CLI run in that folder does, so units get the same
 * names (`overlays/prod`, `plain`) in the editor and on the command line.
 */
export function discoverFolderUnits(folder: string, paths: ReadonlyMap<string, string>, textOf: (uri: string) => string | undefined, configured: readonly ConfiguredCluster[]): ApplyUnit[] {
  const byPath = new Map<string, string>();
  for (const [uri, path] of paths) byPath.set(path, uri);
  const toUri = (file: string): string => byPath.get(file) ?? `${folder}/${file.split('/').map(encodeURIComponent).join('/')}`;
  return discoverApplyUnits({
    files: [...byPath.keys()],
    textOf: (file) => textOf(toUri(file)),
    base: '.',
    clustersBase: '.',
    configured,
  }).map((unit) => ({
    ...unit,
    root: unit.root === undefined ? undefined : toUri(unit.root),
    files: unit.files.map(toUri),
    support: unit.support.map(toUri),
  }));
}

/** The path discovery reads for a file: relative to the folder, or the name of a file outside every folder. */
export function pathInFolder(folder: string, isFolder: boolean, uri: string): string {
  const path = folderRelativePath(folder, uri);
  return isFolder ? path : baseName(path);
}

/** The path of a file URI below a folder URI, decoded, with `/` separators. */
export function folderRelativePath(folder: string, uri: string): string {
  const rest = uri.startsWith(folder + '/') ? uri.slice(folder.length + 1) : uri;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}
