import { Composer, Parser, type CST, type Document } from 'yaml';
import { aliasBeyondLimit } from './aliasLimit';
import { readBlockYaml } from './blockYamlReader';
import { countDocumentMarkers, deepestColumn, measureTokens } from './documentShape';
import { firstDuplicateKey, keyForMessage } from './duplicateKeys';
import { withYamlLineBreaks } from './lineBreaks';
import { bracePlaceholderIn } from '../placeholders';
import type { ParseIssue } from './parseIssue';
import type { Span } from './span';
import { findTemplateAction } from './templateDetection';

/** One YAML document of a file: its plain value and where it stands. Syntax trees are not kept. */
export interface ParsedDocument {
  readonly index: number;
  /** The document's content, from its first node to the end of its last. */
  readonly span: Span;
  /** Plain JavaScript value; undefined when the document had syntax errors. */
  readonly value: unknown;
}

export interface ParsedFile {
  readonly documents: readonly ParsedDocument[];
  readonly issues: readonly ParseIssue[];
}

export interface ParseLimits {
  /** Files larger than this many UTF-16 code units are skipped with an info finding. */
  readonly maxFileSize: number;
  /** Aliases, and expansions of one anchor, allowed per document (billion-laughs guard). */
  readonly maxAliasCount: number;
  /** Files with more YAML documents than this are skipped with an info finding. */
  readonly maxDocuments: number;
  /** Files whose collections nest deeper than this are skipped (the parser recurses per level). */
  readonly maxNestingDepth: number;
}

/**
 * The deepest nesting any limit may allow: yaml's composer takes about 1.2 kB of stack per level,
 * so a fresh process overflows its stack from about 800 levels; 500 leaves room for the callers'
 * frames (a language server's request handling, a rule asking for a span).
 */
export const MAX_NESTING_DEPTH = 500;

export const defaultParseLimits: ParseLimits = { maxFileSize: 5_000_000, maxAliasCount: 100, maxDocuments: 10_000, maxNestingDepth: 200 };

/**
 * Reads a YAML or JSON manifest file into documents. Never throws: every problem becomes a
 * ParseIssue with a span, and the documents without problems still count.
 */
export function parseManifestFile(text: string, limits: ParseLimits = defaultParseLimits): ParsedFile {
  limits = safeLimits(limits);
  text = withYamlLineBreaks(text);
  if (text.length > limits.maxFileSize) {
    return skipped(`File skipped: ${text.length} characters is over the limit of ${limits.maxFileSize} (setting maxFileSize).`);
  }
  if (text.includes('\u0000')) return skipped('File skipped: it contains NUL bytes, so it is not a text manifest.');
  const markers = countDocumentMarkers(text);
  if (markers > limits.maxDocuments) {
    return skipped(`File skipped: ${markers} YAML documents is over the limit of ${limits.maxDocuments} (setting maxDocuments).`);
  }
  const column = deepestColumn(text);
  if (column > 2 * limits.maxNestingDepth) {
    return skipped(`File skipped: a line is indented ${column} columns deep, more than twice the nesting limit of ${limits.maxNestingDepth} (setting maxNestingDepth).`);
  }
  // the fast first pass reads plain block YAML; everything else, and every error, is `yaml`'s. It
  // never accepts a template action where structure stands, so what it reads is not templated.
  const documents = readBlockYaml(text);
  if (documents) return { documents, issues: [] };
  return parseWithYaml(text, limits);
}

/** Reads a file with the `yaml` package: the reference reader, and the fallback of the fast pass. */
export function parseWithYaml(text: string, limits: ParseLimits = defaultParseLimits): ParsedFile {
  limits = safeLimits(limits);
  let parsed: Document.Parsed[];
  try {
    const tokens: CST.Token[] = [...new Parser().parse(text)];
    const shape = measureTokens(tokens);
    if (shape.documents > limits.maxDocuments) {
      return skipped(`File skipped: ${shape.documents} YAML documents is over the limit of ${limits.maxDocuments} (setting maxDocuments).`);
    }
    if (shape.depth > limits.maxNestingDepth) {
      return skipped(`File skipped: its collections nest ${shape.depth} levels deep, over the limit of ${limits.maxNestingDepth} (setting maxNestingDepth).`);
    }
    const templateAt = findTemplateAction(text, tokens);
    if (templateAt !== undefined) return templated(text, templateAt);
    // duplicate keys are found by firstDuplicateKey: yaml's own check is quadratic in a mapping's size
    parsed = [...new Composer({ merge: false, uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' }).compose(tokens)] as Document.Parsed[];
  } catch (error) {
    return skipped(`File skipped: the YAML parser failed (${String(error)}).`);
  }
  const documents: ParsedDocument[] = [];
  const issues: ParseIssue[] = [];
  parsed.forEach((doc, index) => {
    const start = doc.contents?.range[0] ?? doc.range[0];
    const end = doc.contents?.range[1] ?? doc.range[1];
    const span = { start, end };
    // the first error of a document is the cause; the ones after it mostly follow from it
    const error = doc.errors[0];
    const duplicate = firstDuplicateKey(doc);
    if (duplicate && !(error && error.pos[0] <= duplicate.reportedAt)) {
      const key = keyForMessage(text.slice(duplicate.span.start, duplicate.span.end));
      const message = `Duplicate key "${key}": map keys must be unique, and kubectl rejects the document ("mapping key already defined").`;
      issues.push({ ruleId: 'yaml-syntax', message, span: duplicate.span });
      documents.push({ index, span, value: undefined });
      return;
    }
    if (error) {
      const errorSpan = widenToToken(text, error.pos[0], error.pos[1]);
      const placeholder = placeholderOnLine(text, errorSpan.start);
      const message = placeholder
        ? `${firstLine(error.message)}: ${placeholder.text} looks like a placeholder, which YAML reads as a flow mapping; substitute it before linting, or quote the value.`
        : firstLine(error.message);
      issues.push({ ruleId: 'yaml-syntax', message, span: placeholder?.span ?? errorSpan });
      documents.push({ index, span, value: undefined });
      return;
    }
    const alias = aliasBeyondLimit(doc, limits.maxAliasCount);
    if (alias) {
      issues.push({ ruleId: 'yaml-syntax', message: `More than ${limits.maxAliasCount} aliases in one document: not read, as a guard against alias bombs.`, span: alias });
      documents.push({ index, span, value: undefined });
      return;
    }
    try {
      documents.push({ index, span, value: doc.toJS({ maxAliasCount: limits.maxAliasCount }) });
    } catch (error) {
      issues.push({ ruleId: 'yaml-syntax', message: firstLine(error instanceof Error ? error.message : String(error)), span });
      documents.push({ index, span, value: undefined });
    }
  });
  // A file that never names an apiVersion and a kind is not a manifest: its syntax is not our business.
  if (issues.length > 0 && !namesManifestKeys(text)) return { documents: [], issues: [] };
  return { documents, issues };
}

// a key at the start of a line (after a byte-order mark or a `- `) or in a flow mapping; not one named in a comment
const MANIFEST_KEY = { apiVersion: /(?:^\uFEFF?[ \t]*(?:-[ \t]+)*|[{,][ \t\n]*)["']?apiVersion["']?[ \t]*:/m, kind: /(?:^\uFEFF?[ \t]*(?:-[ \t]+)*|[{,][ \t\n]*)["']?kind["']?[ \t]*:/m };

function namesManifestKeys(text: string): boolean {
  return MANIFEST_KEY.apiVersion.test(text) && MANIFEST_KEY.kind.test(text);
}

/** A template is skipped with one finding at its first action, unless it is no manifest at all. */
function templated(text: string, offset: number): ParsedFile {
  if (!namesManifestKeys(text)) return { documents: [], issues: [] };
  return {
    documents: [],
    issues: [{ ruleId: 'templated-file', message: 'Templated file skipped: it contains template actions ({{ … }}) where YAML structure stands, so it is not YAML until rendered.', span: templateActionSpan(text, offset) }],
  };
}

/** Limits as given, with the nesting depth no deeper than the stack allows. */
function safeLimits(limits: ParseLimits): ParseLimits {
  return limits.maxNestingDepth <= MAX_NESTING_DEPTH ? limits : { ...limits, maxNestingDepth: MAX_NESTING_DEPTH };
}

function skipped(message: string): ParsedFile {
  return { documents: [], issues: [{ ruleId: 'file-skipped', message, span: { start: 0, end: 0 } }] };
}

/** A `{NAME}` placeholder on the line of an offset (`name: {NAME}-svc`), where it breaks the YAML. */
function placeholderOnLine(text: string, offset: number): { text: string; span: Span } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const placeholder = bracePlaceholderIn(line);
  if (!placeholder) return undefined;
  const start = lineStart + line.indexOf(placeholder);
  return { text: placeholder, span: { start, end: start + placeholder.length } };
}

/** yaml marks many errors with one character; widen such a mark to the token it starts. */
function widenToToken(text: string, errorStart: number, errorEnd: number): Span {
  // yaml marks an unexpected end of input one past the last character
  const start = Math.min(errorStart, text.length);
  const end = Math.min(errorEnd, text.length);
  if (end - start > 1) return { start, end };
  let tokenEnd = start;
  while (tokenEnd < text.length && !/[\s:,\[\]{}#]/.test(text[tokenEnd])) tokenEnd++;
  return { start, end: Math.max(tokenEnd, end, start) };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** The template action `{{ … }}` or `{% … %}` that starts at offset, or the rest of its line when it is not closed there. */
function templateActionSpan(text: string, offset: number): Span {
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd -= 1;
  const close = text.indexOf(text[offset + 1] === '%' ? '%}' : '}}', offset);
  return { start: offset, end: close >= 0 && close < lineEnd ? close + 2 : lineEnd };
}
