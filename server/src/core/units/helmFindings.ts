import type { ManifestFile } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { isSuppressed, lineOf, scanSuppressions, type Suppressions } from '../rules/suppressions';
import type { Finding, RelatedLocation } from '../rules/types';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';
import { parsedDocuments } from './parsedDocuments';
import { describeValue, formatPath, sameValue, valueAt } from './plainValues';
import { placeIn } from './renderedFindings';
import { documentRanges, literalScalar, templateLines, type TemplateLine } from './templateLines';

/** One template's rendered documents, and the template as written when it was read. */
export interface HelmRenderedFile {
  /** The rendered documents, named as the template (or as the `# Source:` path when the template was not found). */
  readonly entry: ManifestFile;
  readonly template?: ManifestFile;
}

/** Rendered files by name (see HelmRenderedFile); findings on other files pass through. */
export type HelmSources = ReadonlyMap<string, HelmRenderedFile>;

/** The values files of a render, the one helm reads last (which wins) last, and how messages name a file. */
export interface HelmValues {
  readonly files: readonly ManifestFile[];
  readonly display: (file: string) => string;
}

interface Place {
  readonly file: string;
  readonly span: Span;
  readonly note?: string;
  readonly related?: RelatedLocation;
}

/**
 * Moves findings from Helm's output to the templates as written: to the template line where the
 * rendered value is written literally under the same key; else to the line of that key (a value
 * from `.Values`, a helper), else to the template's `name:` line or first line, with the rendered
 * value in the message. Which of several lines of the same key is meant follows their order in the
 * document. Findings on a template that was not found stay on the rendered text; suppression
 * comments of the template apply.
 */
export function mapHelmFindings(findings: readonly Finding[], sources: HelmSources, values?: HelmValues): Finding[] {
  const suppressions = new Map<string, Suppressions>();
  const mapped: Finding[] = [];
  for (const finding of findings) {
    const rendered = sources.get(finding.file);
    if (!rendered?.template) {
      mapped.push(finding);
      continue;
    }
    const place = templatePlace(rendered, finding.span, true, values);
    if (!place) continue;
    let suppressed = suppressions.get(place.file);
    if (!suppressed) suppressions.set(place.file, (suppressed = scanSuppressions(rendered.template.text)));
    if (isSuppressed(suppressed, finding.ruleId, lineOf(rendered.template.text, place.span))) continue;
    const related = finding.related.flatMap((location) => {
      const source = sources.get(location.file);
      const moved = source?.template ? templatePlace(source, location.span, false) : location;
      return moved ? [{ file: moved.file, span: moved.span, message: location.message }] : [];
    });
    mapped.push({ ...finding, file: place.file, span: place.span, message: place.note ? `${finding.message} (${place.note})` : finding.message, related: place.related ? [...related, place.related] : related, fixes: [] });
  }
  return mapped;
}

function templatePlace(rendered: HelmRenderedFile, span: Span, withNote: boolean, values?: HelmValues): Place | undefined {
  const template = rendered.template!;
  const entry = rendered.entry;
  const object = entry.objects.find((candidate) => candidate.documentSpan.start <= span.start && span.start <= candidate.documentSpan.end);
  if (!object) return undefined;
  const { path, role } = placeIn(entry, object, span);
  const lines = templateLines(template.text);
  const region = templateRegion(lines, template.text, entry, object);
  const at = (line: TemplateLine, note?: string): Place => ({
    file: template.file,
    span: role === 'key' || !line.restSpan ? (line.keySpan ?? { start: line.start + line.indent, end: line.end }) : line.restSpan,
    note: withNote ? note : undefined,
  });
  const keyIndex = path.reduce<number>((last, segment, index) => (typeof segment === 'string' ? index : last), -1);
  const renderedRoot = valueAt(parsedDocuments(entry).find((document) => document.index === object.documentIndex)?.value, object.basePath).value;
  if (keyIndex >= 0) {
    const keyPath = path.slice(0, keyIndex + 1);
    const key = keyPath[keyIndex] as string;
    const value = valueAt(renderedRoot, keyPath).value;
    const shown = `rendered by helm: ${formatPath(keyPath)} is ${describeValue(value)}`;
    const renderedLines = templateLines(entry.text);
    const renderedKeyLine = keyLineOf(entry, object, keyPath);
    const sameKey = (line: TemplateLine): boolean => line.key === key;
    const candidates = region.filter(sameKey);
    const literal = candidates.filter((line) => writesLiterally(lines, line, value));
    if (literal.length > 0) {
      const before = renderedKeyLine === undefined ? 0 : renderedLines.filter((line) => line.index < renderedKeyLine && line.start >= object.documentSpan.start && sameKey(line) && writesLiterally(renderedLines, line, value)).length;
      return at(literal[Math.min(before, literal.length - 1)]);
    }
    if (candidates.length > 0) {
      const before = renderedKeyLine === undefined ? 0 : renderedLines.filter((line) => line.index < renderedKeyLine && line.start >= object.documentSpan.start && sameKey(line)).length;
      const line = candidates[Math.min(before, candidates.length - 1)];
      const reference = /\.Values\.([A-Za-z0-9_.]+)/.exec(template.text.slice(line.start, line.end));
      const set = reference && values ? valueSetIn(values, reference[1].split('.'), value) : undefined;
      const place = at(line, `${shown}${reference ? `, from .Values.${reference[1]}${set ? ` set in ${values!.display(set.file)}:${lineOf(set.text, set.span) + 1}` : ''}` : ''}`);
      return set && withNote ? { ...place, related: { file: set.file, span: set.span, message: `.Values.${reference![1]} is set here` } } : place;
    }
    return nameOrFirstLine(template, region, withNote ? shown : undefined);
  }
  return nameOrFirstLine(template, region, withNote ? `rendered by helm from ${object.kind} "${object.name}"` : undefined);
}

/**
 * The lines of the template document the object came from: the only document that writes the
 * object's name literally; else the document of the same index when the template has as many
 * documents as were rendered from it; else (a `range`, documents left out by a condition) the only
 * document that writes its kind; else the whole template.
 */
function templateRegion(lines: readonly TemplateLine[], text: string, entry: ManifestFile, object: ManifestObject): TemplateLine[] {
  const ranges = documentRanges(lines, text);
  if (ranges.length <= 1) return [...lines];
  const documents = ranges.map((range) => lines.slice(range.first, range.last + 1));
  const rendered = [...new Set(entry.objects.map((candidate) => candidate.documentIndex))].sort((a, b) => a - b);
  const writing = (key: string, value: string): TemplateLine[][] => documents.filter((document) => document.some((line) => line.key === key && line.plain && literalScalar(line.rest) === value));
  const named = writing('name', object.name);
  if (named.length === 1) return named[0];
  const position = rendered.indexOf(object.documentIndex);
  if (ranges.length === rendered.length && position >= 0) return documents[position];
  const ofKind = writing('kind', object.kind);
  if (ofKind.length === 1) return ofKind[0];
  return [...lines];
}

/** The line of the key at the end of the path, in the rendered text. */
function keyLineOf(entry: ManifestFile, object: ManifestObject, keyPath: ValuePath): number | undefined {
  const location = entry.locator.locate(object.documentSpan, [...object.basePath, ...keyPath]);
  if (location.depth !== object.basePath.length + keyPath.length || !location.key) return undefined;
  return lineOf(entry.text, location.key);
}

/**
 * Whether a `key: value` line writes the rendered value itself: a scalar as such, or a map of
 * scalars as the plain `key: value` lines below it.
 */
function writesLiterally(lines: readonly TemplateLine[], line: TemplateLine, value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return line.plain && literalScalar(line.rest) === String(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || line.rest !== '') return false;
  const written: Record<string, string> = {};
  let indent: number | undefined;
  for (let index = line.index + 1; index < lines.length; index++) {
    const below = lines[index];
    if (below.blank) continue;
    if (below.indent <= line.indent) break;
    indent ??= below.indent;
    if (below.indent !== indent || !below.plain || below.key === undefined) return false;
    const scalar = literalScalar(below.rest);
    if (scalar === undefined) return false;
    written[below.key] = scalar;
  }
  const expected = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'object' ? item : String(item)]));
  return indent !== undefined && sameValue(written, expected);
}

/** The template's first `name:` line in the object's document, else its first line that is not blank or a comment. */
function nameOrFirstLine(template: ManifestFile, region: readonly TemplateLine[], note: string | undefined): Place {
  const name = region.find((line) => line.key === 'name');
  if (name) return { file: template.file, span: name.restSpan ?? name.keySpan!, note };
  const first = region.find((line) => !line.blank);
  return { file: template.file, span: first ? { start: first.start + first.indent, end: first.end } : { start: 0, end: 0 }, note };
}

/**
 * Where the last values file that sets a value (`service.targetPort`) writes it, when what it writes
 * is what was rendered (else another values file, or `--set`, gave the value, and none is named).
 */
function valueSetIn(values: HelmValues, path: readonly string[], rendered: unknown): { file: string; text: string; span: Span } | undefined {
  for (const file of [...values.files].reverse()) {
    const document = parsedDocuments(file)[0];
    const written = document && valueAt(document.value, path);
    if (!written?.found) continue;
    if (!sameValue(written.value, rendered) && !(typeof rendered !== 'object' && String(written.value) === String(rendered))) return undefined;
    const location = file.locator.locate(document.span, path);
    return location.depth === path.length ? { file: file.file, text: file.text, span: location.value } : undefined;
  }
  return undefined;
}
