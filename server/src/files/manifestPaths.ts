/** Which files are manifests and which folders are never searched: one answer for the CLI and the server. */

const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;

/**
 * Folders of dependencies, version control and build output: their manifests are copies or
 * generated, and walking them costs time. Matched by name at any depth.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

/**
 * Files of other tools that share the extensions and never hold Kubernetes objects: reading a
 * large package-lock.json or a folder of tsconfig files costs time for nothing.
 */
const KNOWN_NON_MANIFESTS = /^(package(-lock)?\.json|npm-shrinkwrap\.json|pnpm-lock\.ya?ml|composer\.json|[jt]sconfig(\..+)?\.json|deno\.jsonc?|lerna\.json|nx\.json|turbo\.json|angular\.json|bower\.json|renovate\.json|\.eslintrc(\..+)?\.json|\.prettierrc(\..+)?\.(json|ya?ml)|\.babelrc\.json|\.pre-commit-config\.ya?ml|\.gitlab-ci\.ya?ml|(docker-)?compose(\..+)?\.ya?ml|mkdocs\.ya?ml|pubspec\.ya?ml|\.golangci\.ya?ml|codecov\.ya?ml)$/i;

/** `*.yaml`, `*.yml` or `*.json`, in any case, other than the known files of other tools. */
export function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSION.test(name) && !KNOWN_NON_MANIFESTS.test(name.slice(name.lastIndexOf('/') + 1));
}

/** True when a path relative to the folder searched passes through a skipped folder. */
export function inSkippedFolder(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  parts.pop();
  return parts.some((part) => SKIPPED_FOLDERS.has(part));
}
