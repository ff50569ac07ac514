/**
 * Reads a Corefile (CoreDNS's configuration, Caddyfile syntax) into server blocks and directives,
 * keeping the line of each. Comments (`#` at the start of a token), quoted tokens, nested blocks,
 * snippets `(name) { … }` and `import name` are handled; environment placeholders (`{$VAR}`,
 * `{%VAR%}`) are kept as written and listed, since their values are not known here. Never throws: a
 * Corefile that does not parse gives `errors`.
 */

/** One directive (a plugin, or an option inside a plugin's block) and what it holds. */
export interface CorefileDirective {
  readonly name: string;
  readonly args: readonly string[];
  /** 1-based line in the Corefile (in the snippet, for a directive brought in by `import`). */
  readonly line: number;
  /** The directives of its `{ … }` block; empty when it has none. */
  readonly block: readonly CorefileDirective[];
  /** The line of the `import` that brought it in from a snippet. */
  readonly importedAt?: number;
}

export interface CorefileServerBlock {
  /** The keys as written: `.:53`, `corp.example:53`, `dns://.`. */
  readonly keys: readonly string[];
  readonly line: number;
  readonly directives: readonly CorefileDirective[];
}

export interface CorefileProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedCorefile {
  readonly blocks: readonly CorefileServerBlock[];
  /** Syntax errors: the Corefile as a whole cannot be trusted when there is one. */
  readonly errors: readonly CorefileProblem[];
  /** Lines holding `{$VAR}` or `{%VAR%}`: CoreDNS substitutes the environment of its process there. */
  readonly placeholders: readonly CorefileProblem[];
}

interface Token {
  readonly text: string;
  readonly line: number;
  /** Quoted tokens are never braces. */
  readonly quoted: boolean;
}

/** Most nested blocks a Corefile may have here (CoreDNS plugins use two). */
const MAX_DEPTH = 20;
/** Most snippets an `import` may go through, one importing the next. */
const MAX_IMPORT_DEPTH = 10;
/** Most directives a Corefile may hold once imported, against snippets importing others many times. */
const MAX_DIRECTIVES = 100_000;

export function parseCorefile(text: string): ParsedCorefile {
  const errors: CorefileProblem[] = [];
  const placeholders: CorefileProblem[] = [];
  const lines = tokenize(text, errors);
  for (const line of lines) {
    const found = line.find((token) => /\{\$[^}]*\}|\{%[^}]*%\}/.test(token.text));
    if (found) placeholders.push({ line: found.line, message: `${found.text} is replaced by an environment variable of the CoreDNS process` });
  }
  const snippets = new Map<string, Token[][]>();
  const blocks: CorefileServerBlock[] = [];
  let index = 0;
  while (index < lines.length && errors.length === 0) {
    const line = lines[index];
    const last = line[line.length - 1];
    const opens = isBrace(last, '{');
    const keys = (opens ? line.slice(0, -1) : line).map((token) => token.text.replace(/,$/, '')).filter((key) => key !== '');
    if (keys.length === 0) {
      errors.push({ line: line[0].line, message: `"${line[0].text}" where a server block's zones (such as .:53) should stand` });
      break;
    }
    if (!opens) {
      // one server block without braces: the rest of the file is its body (Caddyfile allows it once)
      if (blocks.length > 0 || snippets.size > 0) {
        errors.push({ line: line[0].line, message: `server block ${keys.join(' ')} has no opening brace` });
        break;
      }
      const body = lines.slice(index + 1);
      blocks.push({ keys, line: line[0].line, directives: directivesOf(body, errors, snippets, []) });
      break;
    }
    const { body, next } = collectBlock(lines, index, errors);
    index = next;
    if (keys.length === 1 && /^\(.+\)$/.test(keys[0])) {
      snippets.set(keys[0].slice(1, -1), body);
      continue;
    }
    blocks.push({ keys, line: line[0].line, directives: directivesOf(body, errors, snippets, []) });
  }
  return { blocks, errors, placeholders };
}

/** The lines (token lists) between the `{` that ends `lines[start]` and its `}`; `next` is the line after it. */
function collectBlock(lines: readonly Token[][], start: number, errors: CorefileProblem[]): { body: Token[][]; next: number } {
  const body: Token[][] = [];
  let depth = 1;
  let index = start + 1;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (line.length === 1 && isBrace(line[0], '}')) {
      depth -= 1;
      if (depth === 0) return { body, next: index + 1 };
    } else if (isBrace(line[line.length - 1], '{')) {
      depth += 1;
      if (depth > MAX_DEPTH) {
        errors.push({ line: line[0].line, message: `blocks nested more than ${MAX_DEPTH} deep` });
        return { body, next: lines.length };
      }
    }
    body.push(line);
  }
  errors.push({ line: lines[start][0].line, message: 'this block is never closed: a "}" is missing' });
  return { body, next: lines.length };
}

function directivesOf(lines: readonly Token[][], errors: CorefileProblem[], snippets: ReadonlyMap<string, Token[][]>, chain: readonly string[], importedAt?: number, budget = { left: MAX_DIRECTIVES }): CorefileDirective[] {
  const directives: CorefileDirective[] = [];
  let index = 0;
  while (index < lines.length && errors.length === 0) {
    const line = lines[index];
    const opens = isBrace(line[line.length - 1], '{');
    const words = opens ? line.slice(0, -1) : line;
    if (words.length === 0) {
      errors.push({ line: line[0].line, message: 'a block opens without a directive before it' });
      break;
    }
    let block: CorefileDirective[] = [];
    if (opens) {
      const collected = collectBlock(lines, index, errors);
      block = directivesOf(collected.body, errors, snippets, chain, importedAt, budget);
      index = collected.next;
    } else {
      index += 1;
    }
    const [name, ...args] = words.map((token) => token.text);
    if (--budget.left < 0) {
      errors.push({ line: words[0].line, message: `more than ${MAX_DIRECTIVES} directives once snippets are imported` });
      break;
    }
    if (name === 'import' && snippets.has(args[0] ?? '') && block.length === 0) {
      if (chain.includes(args[0]) || chain.length >= MAX_IMPORT_DEPTH) {
        errors.push({ line: words[0].line, message: `imports nest or repeat too often (snippet ${args[0]} imports itself through ${[...chain, args[0]].join(' → ')})` });
        break;
      }
      const inner = directivesOf(snippets.get(args[0])!, errors, snippets, [...chain, args[0]], importedAt ?? words[0].line, budget);
      directives.push(...inner);
      continue;
    }
    directives.push({ name, args, line: words[0].line, block, ...(importedAt ? { importedAt } : {}) });
  }
  return directives;
}

function isBrace(token: Token | undefined, brace: '{' | '}'): boolean {
  return token !== undefined && !token.quoted && token.text === brace;
}

/** Tokens grouped by line; comments dropped; a quoted token may span lines (it counts on its first). */
function tokenize(text: string, errors: CorefileProblem[]): Token[][] {
  const lines: Token[][] = [];
  let current: Token[] = [];
  let line = 1;
  let index = 0;
  const endLine = (): void => {
    if (current.length) lines.push(current);
    current = [];
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '\n') {
      endLine();
      line += 1;
      index += 1;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\ufeff') {
      index += 1;
      continue;
    }
    if (char === '#') {
      while (index < text.length && text[index] !== '\n') index += 1;
      continue;
    }
    if (char === '"') {
      const start = line;
      let value = '';
      index += 1;
      while (index < text.length && text[index] !== '"') {
        if (text[index] === '\\' && text[index + 1] === '"') {
          value += '"';
          index += 2;
          continue;
        }
        if (text[index] === '\n') line += 1;
        value += text[index];
        index += 1;
      }
      if (index >= text.length) {
        errors.push({ line: start, message: 'a quoted token is never closed' });
        break;
      }
      index += 1;
      current.push({ text: value, line: start, quoted: true });
      continue;
    }
    let value = '';
    while (index < text.length && !/[\s]/.test(text[index])) {
      value += text[index];
      index += 1;
    }
    current.push({ text: value, line, quoted: false });
  }
  endLine();
  return splitAtBraces(lines);
}

/** `health { lameduck 5s }` is `health {` / `lameduck 5s` / `}`: a brace ends a line, as CoreDNS's parser nests on brace tokens wherever they stand. */
function splitAtBraces(lines: readonly Token[][]): Token[][] {
  const result: Token[][] = [];
  for (const line of lines) {
    let current: Token[] = [];
    for (const token of line) {
      if (isBrace(token, '{')) {
        current.push(token);
        result.push(current);
        current = [];
      } else if (isBrace(token, '}')) {
        if (current.length) result.push(current);
        result.push([token]);
        current = [];
      } else {
        current.push(token);
      }
    }
    if (current.length) result.push(current);
  }
  return result;
}
