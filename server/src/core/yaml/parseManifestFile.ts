import { Composer, Parser, type CST, type Document } from 'yaml';
import { aliasBeyondLimit } from './aliasLimit';
import { readBlockYaml } from './blockYamlReader';
import { countDocumentMarkers, deepestColumn, measureTokens } from './documentShape';
import { firstDuplicateKey, keyForMessage } from './duplicateKeys';
import { withYamlLineBreaks } from './lineBreaks';
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
  const templateAt = findTemplateAction(text);
  if (templateAt !== undefined) {
    return {
      documents: [],
      issues: [{ ruleId: 'templated-file', message: 'Templated file skipped: it contains template actions ({{ … }}) and is not YAML until rendered.', span: templateActionSpan(text, templateAt) }],
    };
  }
  const markers = countDocumentMarkers(text);
  if (markers > limits.maxDocuments) {
    return skipped(`File skipped: ${markers} YAML documents is over the limit of ${limits.maxDocuments} (setting maxDocuments).`);
  }
  const column = deepestColumn(text);
  if (column > 2 * limits.maxNestingDepth) {
    return skipped(`File skipped: a line is indented ${column} columns deep, more than twice the nesting limit of ${limits.maxNestingDepth} (setting maxNestingDepth).`);
  }
  // the fast first pass reads plain block YAML; everything else, and every error, is `yaml`'s
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
      issues.push({ ruleId: 'yaml-syntax', message: firstLine(error.message), span: widenToToken(text, error.pos[0], error.pos[1]) });
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
  if (issues.length > 0 && !(MANIFEST_KEY.apiVersion.test(text) && MANIFEST_KEY.kind.test(text))) return { documents: [], issues: [] };
  return { documents, issues };
}

/** Limits as given, with the nesting depth no deeper than the stack allows. */
function safeLimits(limits: ParseLimits): ParseLimits {
  return limits.maxNestingDepth <= MAX_NESTING_DEPTH ? limits : { ...limits, maxNestingDepth: MAX_NESTING_DEPTH };
}

const MANIFEST_KEY = { apiVersion: /(?:^|[\s{,])["']?apiVersion["']?\s*:/m, kind: /(?:^|[\s{,])["']?kind["']?\s*:/m };

function skipped(message: string): ParsedFile {
  return { documents: [], issues: [{ ruleId: 'file-skipped', message, span: { start: 0, end: 0 } }] };
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

/** The template action `{{ … }}` that starts at offset, or the rest of its line when it is not closed there. */
function templateActionSpan(text: string, offset: number): Span {
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd -= 1;
  const close = text.indexOf('}}', offset);
  return { start: offset, end: close >= 0 && close < lineEnd ? close + 2 : lineEnd };
}
