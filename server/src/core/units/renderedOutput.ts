import { readManifestFile, type ManifestFile } from '../model/clusterModel';
import type { AnalysisSettings } from '../settings';
import { parseManifestFile } from '../yaml/parseManifestFile';
import { parsePlainYaml } from '../yaml/parsePlainYaml';

/** Where kustomize says a rendered object came from (`config.kubernetes.io/origin`). */
export interface RenderOrigin {
  /** The file the object was read from, as the caller's resolver names it. */
  readonly file?: string;
  /** For generated objects (configMapGenerator, …): the kustomization that configured the generator. */
  readonly configuredIn?: string;
}

/** A file of a rendered unit's model, and the file as written its objects came from. */
export interface RenderedFile {
  readonly entry: ManifestFile;
  readonly origin: string;
}

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/**
 * Splits kustomize's output into one rendered file per origin file, keyed by that file's name: the
 * objects rendered from `base/service.yaml` form a file of the unit's model named
 * `base/service.yaml`, so every rule sees rendered values, and a finding's file already names the
 * source (its span is in the rendered text until mapped back, see renderedFindings.ts). Generated
 * objects go to the kustomization that generated them; objects without an origin to `fallbackFile`.
 */
export function splitRenderedOutput(output: string, resolve: (originPath: string) => string, fallbackFile: string, settings: AnalysisSettings): RenderedFile[] {
  const byFile = new Map<string, { origin: string; chunks: string[] }>();
  for (const chunk of output.split(/^---[ \t]*$\n?/m)) {
    if (chunk.trim() === '') continue;
    const origin = originOf(chunk, resolve);
    // generated objects get a file of their own: the kustomization is a support file of the unit
    const file = origin.file ?? `${origin.configuredIn ?? fallbackFile} (generated)`;
    const group = byFile.get(file) ?? { origin: origin.file ?? origin.configuredIn ?? fallbackFile, chunks: [] };
    group.chunks.push(chunk.endsWith('\n') ? chunk : `${chunk}\n`);
    byFile.set(file, group);
  }
  return [...byFile].map(([file, { origin, chunks }]) => ({ entry: readManifestFile(file, chunks.join('---\n'), settings), origin }));
}

/** The origin annotation of one rendered document. */
export function originOf(documentText: string, resolve: (originPath: string) => string): RenderOrigin {
  // kustomize writes the annotation as a block scalar at a fixed indentation: found without parsing the document
  const block = /^ {4}config\.kubernetes\.io\/origin: \|\n((?: {6}.*\n?)+)/m.exec(documentText);
  const annotation = block ? block[1].replace(/^ {6}/gm, '') : field(field(field(parseManifestFile(documentText).documents[0]?.value, 'metadata'), 'annotations'), ORIGIN_ANNOTATION);
  if (typeof annotation !== 'string') return {};
  let origin: unknown;
  try {
    origin = parsePlainYaml(annotation);
  } catch {
    return {};
  }
  const path = field(origin, 'path');
  // a remote origin (`repo:` and `ref:`) names a path inside that repository, not here
  if (typeof path === 'string' && field(origin, 'repo') === undefined) return { file: resolve(path) };
  const configuredIn = field(origin, 'configuredIn');
  if (typeof configuredIn === 'string') return { configuredIn: resolve(configuredIn) };
  return {};
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
