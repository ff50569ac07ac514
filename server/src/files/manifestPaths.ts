/** Which files are manifests and which folders are never searched: one answer for the CLI and the server. */

const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;

/**
 * Folders of dependencies, version control and build output: their manifests are copies or
 * generated, and walking them costs time. Matched by name at any depth.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

/** `*.yaml`, `*.yml` or `*.json`, in any case. */
export function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSION.test(name);
}

/** True when a path relative to the folder searched passes through a skipped folder. */
export function inSkippedFolder(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  parts.pop();
  return parts.some((part) => SKIPPED_FOLDERS.has(part));
}
