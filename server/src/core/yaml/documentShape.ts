import type { CST } from 'yaml';

/** How many documents a token stream holds and how deep its collections nest. */
export interface DocumentShape {
  readonly documents: number;
  readonly depth: number;
}

/**
 * Measures the syntax tokens without recursion, so a hostile file nested 100,000 levels deep is
 * measured in linear time and constant stack. yaml's composer and `toJS` recurse once per level;
 * past a few thousand levels the stack runs out, and under some JIT states V8 then aborts the whole
 * process instead of throwing. Measuring first lets the caller refuse such files politely.
 */
export function measureTokens(tokens: readonly CST.Token[]): DocumentShape {
  let documents = 0;
  let depth = 0;
  const pending: { token: CST.Token | undefined; depth: number }[] = [];
  for (const token of tokens) {
    if (token.type !== 'document') continue;
    documents += 1;
    pending.push({ token: token.value, depth: 0 });
  }
  while (pending.length > 0) {
    const { token, depth: at } = pending.pop()!;
    if (!token) continue;
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      depth = Math.max(depth, at + 1);
      for (const item of token.items) {
        if ('key' in item) pending.push({ token: item.key ?? undefined, depth: at + 1 });
        pending.push({ token: item.value, depth: at + 1 });
      }
    } else {
      depth = Math.max(depth, at);
    }
  }
  return { documents, depth };
}

/**
 * The deepest column at which a line's content starts: leading spaces plus two for every block
 * indicator (`- `, `? `, `: `) that opens a compact collection on the line. Block collections
 * cannot nest deeper than about twice this column, and yaml's parser itself recurses when a deep
 * block closes, so this cheap bound is checked before the parser runs at all.
 */
export function deepestColumn(text: string): number {
  let deepest = 0;
  let index = 0;
  while (index < text.length) {
    let column = 0;
    while (text.charCodeAt(index) === 32) {
      column += 1;
      index += 1;
    }
    for (;;) {
      const code = text.charCodeAt(index);
      const next = text.charCodeAt(index + 1);
      if ((code === 45 || code === 63 || code === 58) && (next === 32 || next === 9)) {
        column += 2;
        index += 2;
        while (text.charCodeAt(index) === 32) {
          column += 1;
          index += 1;
        }
      } else break;
    }
    if (column > deepest) deepest = column;
    const lineEnd = text.indexOf('\n', index);
    if (lineEnd < 0) break;
    index = lineEnd + 1;
  }
  return deepest;
}

/**
 * How many `---` document markers start a line. Each starts a document, so more markers than the
 * limit means more documents than the limit: checked in one pass before the (much slower) parser.
 */
export function countDocumentMarkers(text: string): number {
  let count = 0;
  for (let at = text.startsWith('---') ? 0 : text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 1)) {
    const markerEnd = at === 0 && text.startsWith('---') ? 3 : at + 4;
    const next = text.charCodeAt(markerEnd);
    if (Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13) count += 1;
  }
  return count;
}
