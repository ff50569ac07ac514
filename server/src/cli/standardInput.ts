import * as fs from 'node:fs';
import * as path from 'node:path';
import { readManifestFile, type ManifestFile } from '../core/model/clusterModel';
import type { Finding } from '../core/rules/types';
import type { AnalysisSettings } from '../core/settings';
import { mapHelmFindings, type HelmRenderedFile } from '../core/units/helmFindings';
import { helmSourceOf, pathInChart, renderedDocuments } from '../core/units/helmOutput';
import { mapRenderedFindings } from '../core/units/renderedFindings';
import { originOf, type RenderedFile } from '../core/units/renderedOutput';
import { decodeText } from '../files/decodeText';
import { readManifestFileSync } from '../files/manifestRead';
import { relativePath } from './findingPositions';

/** How the standard input is named where nothing in it names a file. */
export const STANDARD_INPUT_NAME = '<stdin>';

/**
 * The standard input's text, read to its end under the limits of a file (maxFileSize characters,
 * and so at most 3 × maxFileSize bytes); over them, the reason as a `file-skipped` message.
 */
export function readStandardInput(maxFileSize: number, read: (buffer: Buffer) => number = (buffer) => fs.readSync(0, buffer, 0, buffer.length, null)): { text: string } | { skipped: string } {
  const maxBytes = 3 * maxFileSize;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let count: number;
    try {
      count = read(chunk);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // a non-blocking pipe with nothing in it yet
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (count === 0) break;
    chunks.push(chunk.subarray(0, count));
    total += count;
    if (total > maxBytes) return { skipped: `File skipped: the standard input holds more than ${maxBytes} bytes, over the limit of ${maxFileSize} characters (setting maxFileSize).` };
  }
  const text = decodeText(Buffer.concat(chunks, total));
  if (text.length > maxFileSize) return { skipped: `File skipped: ${text.length} characters is over the limit of ${maxFileSize} (setting maxFileSize).` };
  return { text };
}

/** Rendered output read from the standard input, filed under the files it names. */
export interface StandardInputFiles {
  /** The files of its cluster model: one per template or origin file named, and `<stdin>` for the rest. */
  readonly files: readonly ManifestFile[];
  /** The text each finding's file is placed in: the template or file as written where it was found, else the rendered text. */
  readonly texts: ReadonlyMap<string, ManifestFile>;
  /** Puts findings back on the files as written. */
  readonly mapFindings: (findings: readonly Finding[]) => Finding[];
}

/**
 * Splits rendered output into files: a document under a `# Source:` comment (Helm) is filed under
 * that template, found relative to the current folder as given or below the chart folder
 * (`web/templates/svc.yaml` → `templates/svc.yaml`, for `helm template .` run in the chart); a
 * document with a `config.kubernetes.io/origin` annotation (Kustomize's `originAnnotations`) under
 * the file it names. Where that file is found, findings go to its lines as Kustomize's and Helm's
 * rendering do; else they stay on the rendered text, under the name as given.
 */
export function standardInputFiles(text: string, settings: AnalysisSettings): StandardInputFiles {
  const groups = new Map<string, { kind: 'helm' | 'kustomize' | 'plain'; written?: string; chunks: string[] }>();
  for (const chunk of renderedDocuments(text)) {
    const source = helmSourceOf(chunk);
    let key = STANDARD_INPUT_NAME;
    let kind: 'helm' | 'kustomize' | 'plain' = 'plain';
    let written: string | undefined;
    if (source !== undefined) {
      kind = 'helm';
      written = [source, pathInChart(source)].find((candidate) => candidate !== undefined && isFile(candidate));
      key = written ? path.normalize(written) : source;
    } else {
      const origin = originOf(chunk, (given) => given).file;
      if (origin !== undefined) {
        kind = 'kustomize';
        written = isFile(origin) ? origin : undefined;
        key = written ? path.normalize(written) : origin;
      }
    }
    const group = groups.get(key) ?? { kind, written: written && path.normalize(written), chunks: [] };
    group.chunks.push(chunk);
    groups.set(key, group);
  }
  const files: ManifestFile[] = [];
  const texts = new Map<string, ManifestFile>();
  const helm = new Map<string, HelmRenderedFile>();
  const kustomize = new Map<string, RenderedFile>();
  const values = new Map<string, ManifestFile | undefined>();
  for (const [name, group] of groups) {
    const entry = readManifestFile(name, group.chunks.join('---\n'), settings);
    files.push(entry);
    const read = group.written === undefined ? undefined : readManifestFileSync(group.written, { maxFileSize: settings.maxFileSize });
    const original = read?.text === undefined ? undefined : readManifestFile(name, read.text, settings);
    texts.set(name, original ?? entry);
    if (!original) continue;
    if (group.kind === 'helm') {
      helm.set(name, { entry, template: original });
      // `helm template .` read the values.yaml of the chart the template is in
      const chart = chartFolderOf(group.written!);
      if (chart !== undefined && !values.has(chart)) {
        const read = readManifestFileSync(path.join(chart, 'values.yaml'), { maxFileSize: settings.maxFileSize });
        values.set(chart, read.text === undefined ? undefined : readManifestFile(path.join(chart, 'values.yaml'), read.text, settings));
      }
    }
    else kustomize.set(name, { entry, origin: name });
  }
  return {
    files,
    texts,
    mapFindings: (findings) => mapHelmFindings(
      mapRenderedFindings(findings, { rendered: kustomize, sourceOf: (file) => (kustomize.has(file) ? texts.get(file) : undefined), layersOver: () => [], readLayers: () => [], display: relativePath }),
      helm,
      // which values files `helm template` was given is not in its output: the charts' own values.yaml
      { files: [...values.values()].filter((file): file is ManifestFile => file !== undefined), display: relativePath },
    ),
  };
}

/** The chart folder of a template: what precedes its last `templates` folder. */
function chartFolderOf(template: string): string | undefined {
  const segments = path.normalize(template).split(path.sep);
  const at = segments.lastIndexOf('templates');
  return at < 0 ? undefined : segments.slice(0, at).join(path.sep) || '.';
}

function isFile(file: string): boolean {
  // the tools name files relative to where they ran; an absolute path is none of theirs
  if (path.isAbsolute(file)) return false;
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
