import * as fs from 'node:fs';
import * as path from 'node:path';

/** The program that builds kustomizations: the user's own, found on PATH. */
export interface KustomizeTool {
  /** How messages name it: `kustomize` or `kubectl kustomize`. */
  readonly name: string;
  readonly command: string;
  /** Arguments before the folder to build. */
  readonly args: readonly string[];
}

/**
 * `kustomize build` when kustomize is on PATH, else `kubectl kustomize` (kubectl ships Kustomize),
 * else none. PATH is searched here rather than by a shell, so nothing but these two ever runs.
 */
export function findKustomizeTool(pathVariable: string | undefined = process.env.PATH): KustomizeTool | undefined {
  const kustomize = onPath('kustomize', pathVariable);
  if (kustomize) return { name: 'kustomize', command: kustomize, args: ['build'] };
  const kubectl = onPath('kubectl', pathVariable);
  if (kubectl) return { name: 'kubectl kustomize', command: kubectl, args: ['kustomize'] };
  return undefined;
}

/** An executable named `program` in an absolute PATH entry (a relative one would run what the linted folder holds). */
export function onPath(program: string, pathVariable: string | undefined): string | undefined {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const folder of (pathVariable ?? '').split(path.delimiter)) {
    // an empty or relative entry (`.`) would run a `kustomize` the linted repository may hold
    if (folder === '' || !path.isAbsolute(folder)) continue;
    for (const extension of extensions) {
      const candidate = path.join(folder, program + extension);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
