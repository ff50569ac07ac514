import type { ManifestFile } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { isSuppressed, lineOf, scanSuppressions, type Suppressions } from '../rules/suppressions';
import type { Finding, RelatedLocation } from '../rules/types';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';
import type { KustomizeLayer } from './kustomizeLayers';
import { parsedDocuments } from './parsedDocuments';
import type { RenderedFile } from './renderedOutput';
import { pathByMergeKeys } from './mergeKeyPath';
import { findInPatches } from './patchPlaces';
import { describeValue, formatPath, sameValue, valueAt } from './plainValues';

/** What mapping a rendered unit's findings back to the files as written needs. */
export interface RenderedSources {
  /** The unit's rendered files by name, each with the file as written its objects came from (see renderedOutput.ts). */
  readonly rendered: ReadonlyMap<string, RenderedFile>;
  /** A file as written (an origin file, a patch, a kustomization), or undefined when it was not read. */
  readonly sourceOf: (file: string) => ManifestFile | undefined;
  /** The kustomizations whose build includes a file, innermost first. */
  readonly layersOver: (file: string) => readonly KustomizeLayer[];
  /** Every kustomization of the unit that was read, the root last: for objects whose origin was not read. */
  readonly readLayers: () => readonly KustomizeLayer[];
  /** How a file is named in messages. */
  readonly display: (file: string) => string;
}

/** A place in a file as written, and what rendering changed there. */
interface SourcePlace {
  readonly file: string;
  readonly span: Span;
  /** Said in the message when the value at the place is not the one rendered. */
  readonly note?: string;
  readonly related?: RelatedLocation;
}

/**
 * Moves findings from the rendered text to the files as written: to the same field of the object's
 * origin file when the value written there is the one rendered; to the line of a patch file that
 * sets it; else to the field (or the object's `metadata.name`) in the origin file, with the rendered
 * value and the transformer that changed it in the message and the transformer's line as related
 * information. Findings on files that were not read (a base outside the linted paths) are dropped
 * unless a patch that was read set the value; suppression comments of the file a finding lands in apply.
 */
export function mapRenderedFindings(findings: readonly Finding[], sources: RenderedSources): Finding[] {
  const suppressions = new Map<string, Suppressions>();
  const mapped: Finding[] = [];
  for (const finding of findings) {
    const rendered = sources.rendered.get(finding.file);
    if (!rendered) {
      mapped.push(finding);
      continue;
    }
    const place = mapPlace(rendered, finding.span, sources, true);
    if (!place) continue;
    const target = sources.sourceOf(place.file)!;
    let suppressed = suppressions.get(place.file);
    if (!suppressed) suppressions.set(place.file, (suppressed = scanSuppressions(target.text)));
    if (isSuppressed(suppressed, finding.ruleId, lineOf(target.text, place.span))) continue;
    const related = finding.related.flatMap((location) => {
      const source = sources.rendered.get(location.file);
      const moved = source ? mapPlace(source, location.span, sources, false) : location;
      return moved ? [{ file: moved.file, span: moved.span, message: location.message }] : [];
    });
    mapped.push({
      ...finding,
      file: place.file,
      span: place.span,
      message: place.note ? `${finding.message} (${place.note})` : finding.message,
      related: place.related ? [...related, place.related] : related,
      // fixes edit the rendered text; the CLI computes none
      fixes: [],
    });
  }
  return mapped;
}

function mapPlace(renderedFile: RenderedFile, span: Span, sources: RenderedSources, withNote: boolean): SourcePlace | undefined {
  const rendered = renderedFile.entry;
  const object = rendered.objects.find((candidate) => candidate.documentSpan.start <= span.start && span.start <= candidate.documentSpan.end);
  const origin = sources.sourceOf(renderedFile.origin);
  if (!object) return undefined;
  const { path, role } = placeIn(rendered, object, span);
  const renderedRoot = documentValue(rendered, object);
  const renderedValue = valueAt(renderedRoot, path);
  const shown = `${formatPath(path)} is ${describeValue(renderedValue.value)}`;
  if (!origin) {
    // the object comes from a file outside the linted paths: only a patch that was read can hold the finding
    const patched = renderedValue.found ? findInPatches(sources.readLayers(), object, object, path, renderedValue.value, renderedRoot, sources.sourceOf) : undefined;
    return patched && patchPlace(patched, role, withNote, shown);
  }
  const written = originObject(object, origin);
  if (!written) {
    const patched = renderedValue.found ? findInPatches(sources.layersOver(origin.file), object, object, path, renderedValue.value, renderedRoot, sources.sourceOf) : undefined;
    return patched ? patchPlace(patched, role, withNote, shown) : (generatedPlace(object, origin, sources) ?? textualPlace(object, origin, withNote));
  }
  // list items are matched by merge key: a patch may have added or reordered them
  const writtenPath = pathByMergeKeys(documentValue(origin, written), renderedRoot, path);
  const writtenLocation = writtenPath && origin.locator.locate(written.documentSpan, [...written.basePath, ...writtenPath.path]);
  const exists = writtenLocation !== undefined && writtenLocation.depth === written.basePath.length + path.length;
  const at = (location: NonNullable<typeof writtenLocation>): Span => (role === 'key' && location.key ? location.key : location.value);
  if (exists && sameValue(writtenPath!.value, renderedValue.value)) return { file: origin.file, span: at(writtenLocation) };
  const layers = sources.layersOver(origin.file);
  const patched = renderedValue.found ? findInPatches(layers, object, written, path, renderedValue.value, renderedRoot, sources.sourceOf) : undefined;
  if (patched) return patchPlace(patched, role, withNote, shown);
  const by = transformerOf(path, renderedValue.value, writtenPath?.value, layers, sources);
  const note = withNote ? `rendered by kustomize: ${shown}${by ? `, ${by.text}` : ''}` : undefined;
  if (exists) return { file: origin.file, span: at(writtenLocation!), note, related: withNote ? by?.related : undefined };
  const name = origin.locator.locate(written.documentSpan, [...written.basePath, 'metadata', 'name']);
  return { file: origin.file, span: name.value, note, related: withNote ? by?.related : undefined };
}

function patchPlace(patched: { file: string; span: Span; keySpan?: Span }, role: 'key' | 'value', withNote: boolean, shown: string): SourcePlace {
  return { file: patched.file, span: role === 'key' && patched.keySpan ? patched.keySpan : patched.span, note: withNote ? `rendered by kustomize: ${shown}, set by this patch` : undefined };
}

/** The path (below the object) and role of the node a finding's span covers. */
function placeIn(entry: ManifestFile, object: ManifestObject, span: Span): { path: ValuePath; role: 'key' | 'value' } {
  const hit = entry.locator.nodeAt(object.documentSpan, span.start);
  if (!hit) return { path: [], role: 'value' };
  for (let length = hit.path.length; length > object.basePath.length; length--) {
    const location = entry.locator.locate(object.documentSpan, hit.path.slice(0, length));
    if (location.key && location.key.start === span.start && location.key.end === span.end) return { path: hit.path.slice(object.basePath.length, length), role: 'key' };
    if (location.value.start === span.start && location.value.end === span.end) return { path: hit.path.slice(object.basePath.length, length), role: 'value' };
  }
  return { path: hit.path.slice(object.basePath.length), role: hit.role };
}

/**
 * The object as written that a rendered object came from: of the origin file's objects of the same
 * kind, the one of the same name, else the one whose name the rendered name contains (a prefix or
 * suffix was added), else the only one of that kind.
 */
function originObject(object: ManifestObject, origin: ManifestFile): ManifestObject | undefined {
  const sameKind = origin.objects.filter((candidate) => candidate.kind === object.kind);
  const exact = sameKind.filter((candidate) => candidate.name === object.name);
  if (exact.length > 0) return exact.find((candidate) => candidate.namespace === object.namespace) ?? exact[0];
  const contained = sameKind.filter((candidate) => candidate.name !== '' && object.name.includes(candidate.name)).sort((a, b) => b.name.length - a.name.length);
  if (contained.length > 0) return contained[0];
  return sameKind.length === 1 ? sameKind[0] : undefined;
}

/** A generated object (configMapGenerator, …) points at its generator's `name` in the kustomization. */
function generatedPlace(object: ManifestObject, origin: ManifestFile, sources: RenderedSources): SourcePlace | undefined {
  const document = parsedDocuments(origin)[0];
  if (!document) return undefined;
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    const generators = valueAt(document.value, [field]).value;
    if (!Array.isArray(generators)) continue;
    const index = generators.findIndex((generator) => typeof generator?.name === 'string' && object.name.includes(generator.name));
    if (index >= 0) return { file: origin.file, span: origin.locator.locate(document.span, [field, index, 'name']).value, note: `rendered by kustomize: ${object.kind} "${object.name}" generated by ${field} in ${sources.display(origin.file)}` };
  }
  return undefined;
}

/**
 * The origin file holds no such object as the reader sees it (it skipped the file as a template,
 * say, where kustomize read plain YAML): the finding goes to the `name:` line the rendered name
 * contains, else the `kind:` line, so that it is not lost.
 */
function textualPlace(object: ManifestObject, origin: ManifestFile, withNote: boolean): SourcePlace {
  const note = withNote ? `rendered by kustomize from ${object.kind} "${object.name}"` : undefined;
  let best: Span | undefined;
  for (const match of origin.text.matchAll(/^[ \t]*name:[ \t]*["']?([^"'\s#]+)/gm)) {
    const start = match.index + match[0].length - match[1].length;
    if (object.name.includes(match[1]) && (!best || match[1].length > best.end - best.start)) best = { start, end: start + match[1].length };
  }
  const kind = best ? undefined : [...origin.text.matchAll(/^[ \t]*kind:[ \t]*["']?([A-Za-z0-9]+)/gm)].find((match) => match[1] === object.kind);
  const span = best ?? (kind ? { start: kind.index + kind[0].length - kind[1].length, end: kind.index + kind[0].length } : { start: 0, end: 0 });
  return { file: origin.file, span, note };
}

/** Which transformer of the kustomizations over a file made the rendered value what it is. */
function transformerOf(path: ValuePath, rendered: unknown, written: unknown, layers: readonly KustomizeLayer[], sources: RenderedSources): { text: string; related?: RelatedLocation } | undefined {
  const keyOf = (layer: KustomizeLayer, key: string, text: string): { text: string; related?: RelatedLocation } => {
    const entry = sources.sourceOf(layer.file);
    const document = entry && parsedDocuments(entry)[0];
    const related = entry && document ? { file: entry.file, span: entry.locator.locate(document.span, [key]).key ?? document.span, message: text } : undefined;
    return { text: `${text} in ${sources.display(layer.file)}`, related };
  };
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'name') {
    // prefixes compose, the outermost first: each kustomization that adds one is named
    const renamers = layers.filter((candidate) => candidate.namePrefix !== undefined || candidate.nameSuffix !== undefined);
    const named = renamers.map((layer) => keyOf(layer, layer.namePrefix !== undefined ? 'namePrefix' : 'nameSuffix', [layer.namePrefix !== undefined ? `prefixed by namePrefix "${layer.namePrefix}"` : '', layer.nameSuffix !== undefined ? `suffixed by nameSuffix "${layer.nameSuffix}"` : ''].filter(Boolean).join(' and ')));
    if (named.length > 0) return { text: named.map((entry) => entry.text).join(', then '), related: named[named.length - 1].related };
  }
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace') {
    // the outermost namespace wins
    const layer = [...layers].reverse().find((candidate) => candidate.namespace !== undefined);
    if (layer) return keyOf(layer, 'namespace', `set by namespace "${layer.namespace}"`);
  }
  if (path.some((segment) => segment === 'labels' || segment === 'selector' || segment === 'matchLabels')) {
    const added = addedLabels(rendered, written);
    const layer = layers.find((candidate) => added.some((key) => candidate.labels[key] !== undefined));
    if (layer) {
      const fromLayer = added.filter((label) => layer.labels[label] !== undefined);
      const key = layer.labelFields[fromLayer[0]];
      return keyOf(layer, key, `labels ${fromLayer.map((label) => `${label}=${layer.labels[label]}`).join(', ')} added by ${key}`);
    }
  }
  const root = layers[layers.length - 1];
  return root ? { text: `changed by a transformer or patch of ${sources.display(root.file)}` } : undefined;
}

function addedLabels(rendered: unknown, written: unknown): string[] {
  if (typeof rendered !== 'object' || rendered === null || Array.isArray(rendered)) return [];
  const before = typeof written === 'object' && written !== null && !Array.isArray(written) ? (written as Record<string, unknown>) : {};
  return Object.entries(rendered as Record<string, unknown>).filter(([key, value]) => before[key] !== value).map(([key]) => key);
}

function documentValue(entry: ManifestFile, object: ManifestObject): unknown {
  const document = parsedDocuments(entry).find((candidate) => candidate.index === object.documentIndex);
  return valueAt(document?.value, object.basePath).value;
}

/** Where a place of the rendered output is written (a finding's span), as findings are moved; undefined when that file was not read. */
export function writtenPlaceOf(file: string, span: Span, sources: RenderedSources): { file: string; span: Span } | undefined {
  const renderedFile = sources.rendered.get(file);
  if (!renderedFile) return { file, span };
  const place = mapPlace(renderedFile, span, sources, false);
  return place && { file: place.file, span: place.span };
}

/** The document an object of the rendered output is written in (a map node's source); undefined when its file was not read. */
export function writtenDocumentOf(file: string, span: Span, sources: RenderedSources): { file: string; span: Span } | undefined {
  const renderedFile = sources.rendered.get(file);
  if (!renderedFile) return { file, span };
  const object = renderedFile.entry.objects.find((candidate) => candidate.documentSpan.start <= span.start && span.start <= candidate.documentSpan.end);
  const origin = sources.sourceOf(renderedFile.origin);
  if (!object || !origin) return undefined;
  const written = originObject(object, origin);
  return written ? { file: origin.file, span: written.documentSpan } : generatedPlace(object, origin, sources) ?? { file: origin.file, span: { start: 0, end: 0 } };
}
