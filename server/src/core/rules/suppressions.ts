import type { Span } from '../yaml/span';

/**
 * What the comments of one file switch off:
 * `# kube-lookup-disable-next-line [id[, id]]` for the line below it, and
 * `# kube-lookup-disable-file [id[, id]]` for the whole file. Without ids, every rule.
 * Text after ` -- ` is a free-form reason, as in ESLint.
 */
export interface Suppressions {
  /** `all`, or the rule ids switched off for the whole file. */
  readonly file: 'all' | ReadonlySet<string>;
  /** Zero-based line → `all` or the rule ids switched off on that line. */
  readonly lines: ReadonlyMap<number, 'all' | ReadonlySet<string>>;
}

const NONE: Suppressions = { file: new Set(), lines: new Map() };
const DIRECTIVE = /#\s*kube-lookup-disable-(next-line|file)(?=\s|,|$)([^\r\n]*)/g;

export function scanSuppressions(text: string): Suppressions {
  if (!text.includes('kube-lookup-disable-')) return NONE;
  let file: 'all' | Set<string> = new Set();
  const lines = new Map<number, 'all' | Set<string>>();
  let line = 0;
  let lineStart = 0;
  for (const match of text.matchAll(DIRECTIVE)) {
    // count the line breaks between the previous directive and this one
    for (let index = lineStart; index < match.index; index++) if (text[index] === '\n') line++;
    lineStart = match.index;
    const ids = ruleIds(match[2]);
    if (match[1] === 'file') file = merge(file, ids);
    else lines.set(line + 1, merge(lines.get(line + 1) ?? new Set(), ids));
  }
  return { file, lines };
}

/** True when a finding of `ruleId` starting at `span` is switched off by a comment. */
export function isSuppressed(suppressions: Suppressions, ruleId: string, line: number): boolean {
  if (covers(suppressions.file, ruleId)) return true;
  const onLine = suppressions.lines.get(line);
  return onLine !== undefined && covers(onLine, ruleId);
}

/** Zero-based line of an offset. */
export function lineOf(text: string, span: Span): number {
  let line = 0;
  const end = Math.min(span.start, text.length);
  for (let index = text.indexOf('\n'); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

function ruleIds(rest: string): 'all' | Set<string> {
  // a reason after ` -- ` or a further comment after ` #` is not an id
  const list = rest.split(/\s--\s|\s#/)[0].split(/[\s,]+/).filter((id) => id !== '');
  return list.length === 0 ? 'all' : new Set(list);
}

function merge(current: 'all' | ReadonlySet<string>, added: 'all' | Set<string>): 'all' | Set<string> {
  if (current === 'all' || added === 'all') return 'all';
  return new Set([...current, ...added]);
}

function covers(scope: 'all' | ReadonlySet<string>, ruleId: string): boolean {
  return scope === 'all' || scope.has(ruleId);
}
