import { joinPath, parentFolder } from './workspacePath';

/** File names Kustomize reads as a folder's kustomization, in the order it looks for them. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** What one kustomization refers to, resolved against its folder. */
export interface KustomizationReferences {
  /** The kustomization file itself. */
  readonly file: string;
  readonly folder: string;
  /** A `kind: Component` is only ever included by a kustomization, never built alone. */
  readonly component: boolean;
  /** `resources` (and the deprecated `bases`) and `components`: files of objects, or folders holding a kustomization. */
  readonly resources: readonly string[];
  /**
   * Files Kustomize reads but does not emit as objects: patches (`patches`, `patchesStrategicMerge`,
   * `patchesJson6902`), generator and transformer configurations, `crds`, `replacements`,
   * `configurations`, `openapi`, and the files of `configMapGenerator`/`secretGenerator`.
   */
  readonly support: readonly string[];
  /** Resources Kustomize fetches from elsewhere (a URL or a git reference): not followed. */
  readonly remote: readonly string[];
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|[?&]ref=|\/\/[^/]/i;

/** Reads the references out of a kustomization's parsed value; unknown or malformed fields are passed over. */
export function readKustomization(file: string, value: unknown): KustomizationReferences {
  const folder = parentFolder(file);
  const body = isRecord(value) ? value : {};
  const resources: string[] = [];
  const support: string[] = [];
  const remote: string[] = [];
  const resolve = (entry: string): string => joinPath(folder, entry);
  for (const field of ['resources', 'bases', 'components']) {
    for (const entry of strings(body[field])) (REMOTE.test(entry) ? remote : resources).push(REMOTE.test(entry) ? entry : resolve(entry));
  }
  for (const entry of strings(body.patchesStrategicMerge)) if (!entry.includes('\n') && !entry.trimStart().startsWith('{')) support.push(resolve(entry));
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const entry of list(body[field])) if (isRecord(entry) && typeof entry.path === 'string') support.push(resolve(entry.path));
  }
  for (const field of ['generators', 'transformers', 'validators', 'configurations', 'crds']) {
    for (const entry of strings(body[field])) if (!entry.includes('\n')) support.push(resolve(entry));
  }
  if (isRecord(body.openapi) && typeof body.openapi.path === 'string') support.push(resolve(body.openapi.path));
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of list(body[field])) {
      if (!isRecord(generator)) continue;
      // `files` entries may be `key=path`
      for (const entry of strings(generator.files)) support.push(resolve(entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry));
      for (const entry of [...strings(generator.envs), ...strings(generator.env)]) support.push(resolve(entry));
    }
  }
  return { file, folder, component: body.kind === 'Component', resources, support, remote };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return typeof value === 'string' ? [value] : list(value).filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}
