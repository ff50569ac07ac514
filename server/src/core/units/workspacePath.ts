/**
 * Paths as apply-unit discovery sees them: `/`-separated, relative to where the listing starts or
 * absolute, never with `.` or `..` segments left in them. Kept here so that the core stays free of
 * Node's path module and reads the same on every platform.
 */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const segments: string[] = [];
  for (const segment of path.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (segment !== '..' || !absolute) segments.push(segment);
  }
  const joined = segments.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function parentFolder(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '.' : at === 0 ? '/' : path.slice(0, at);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(folder: string, relative: string): string {
  if (relative.startsWith('/')) return normalizePath(relative);
  return normalizePath(folder === '.' ? relative : `${folder}/${relative}`);
}

/** True when `path` is `folder` or lies below it. */
export function isWithin(path: string, folder: string): boolean {
  return folder === '.' ? !path.startsWith('../') && !path.startsWith('/') : path === folder || path.startsWith(`${folder}/`);
}

/** `path` relative to `folder` (which contains it). */
export function relativeTo(path: string, folder: string): string {
  if (folder === '.') return path;
  return path === folder ? '.' : path.slice(folder.length + 1);
}
