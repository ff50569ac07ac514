/**
 * Glob patterns as `files.exclude` writes them, matched against `/`-separated paths relative to a
 * workspace folder: `**` spans folders, `*` and `?` stay within one, `{a,b}` and `[abc]`/`[!abc]`
 * choose. A pattern that matches a folder excludes everything below it.
 *
 * Patterns come from settings, so they are compiled into a small automaton and simulated state set
 * by state set rather than turned into a RegExp: matching takes time linear in the path whatever
 * the pattern (`**` repeated cannot backtrack), and no pattern can fail to compile.
 */
export type GlobMatcher = (relativePath: string) => boolean;

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const automata = patterns.filter((pattern) => pattern.trim() !== '').map((pattern) => compileGlob(pattern.trim()));
  if (automata.length === 0) return () => false;
  return (relativePath) => automata.some((automaton) => automaton(relativePath));
}

interface State {
  readonly empty: number[];
  readonly edges: { readonly accepts: (char: string) => boolean; readonly to: number }[];
}

const ANY = (): boolean => true;
const NOT_SLASH = (char: string): boolean => char !== '/';

/** One pattern as a matcher of a path or of any folder above it. */
export function compileGlob(pattern: string): (path: string) => boolean {
  const states: State[] = [];
  const state = (): number => states.push({ empty: [], edges: [] }) - 1;
  const start = state();
  let index = pattern.startsWith('./') ? 2 : pattern.startsWith('/') ? 1 : 0;

  // Thompson construction: `from` is where the sequence stands; returns where it ends
  const sequence = (from: number, inGroup: boolean): number => {
    let at = from;
    while (index < pattern.length) {
      const char = pattern[index];
      if (inGroup && (char === ',' || char === '}')) return at;
      const next = state();
      if (char === '*' && pattern[index + 1] === '*') {
        const atSegmentStart = index === 0 || pattern[index - 1] === '/';
        if (atSegmentStart && pattern[index + 2] === '/') {
          // `**/`: nothing, or anything that ends with a slash
          const inside = state();
          states[at].empty.push(next, inside);
          states[inside].edges.push({ accepts: ANY, to: inside }, { accepts: (c) => c === '/', to: next });
          index += 3;
        } else {
          states[at].empty.push(next);
          states[next].edges.push({ accepts: ANY, to: next });
          index += 2;
        }
      } else if (char === '*') {
        states[at].empty.push(next);
        states[next].edges.push({ accepts: NOT_SLASH, to: next });
        index += 1;
      } else if (char === '?') {
        states[at].edges.push({ accepts: NOT_SLASH, to: next });
        index += 1;
      } else if (char === '{') {
        index += 1;
        for (;;) {
          const branch = state();
          states[at].empty.push(branch);
          states[sequence(branch, true)].empty.push(next);
          if (pattern[index] === ',') index += 1;
          else {
            if (pattern[index] === '}') index += 1;
            break;
          }
        }
      } else if (char === '[' && pattern.indexOf(']', index + 1) > index) {
        const close = pattern.indexOf(']', index + 1);
        states[at].edges.push({ accepts: characterClass(pattern.slice(index + 1, close)), to: next });
        index = close + 1;
      } else {
        states[at].edges.push({ accepts: (c) => c === char, to: next });
        index += 1;
      }
      at = next;
    }
    return at;
  };
  const accept = sequence(start, false);

  const closure = (from: Iterable<number>): Set<number> => {
    const reached = new Set<number>();
    const pending = [...from];
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (reached.has(current)) continue;
      reached.add(current);
      pending.push(...states[current].empty);
    }
    return reached;
  };
  // one pass over the path: the path itself, or any folder above it (a prefix ending before a `/`)
  return (path: string): boolean => {
    let current = closure([start]);
    for (const char of path) {
      if (char === '/' && current.has(accept)) return true;
      const next: number[] = [];
      for (const at of current) for (const edge of states[at].edges) if (edge.accepts(char)) next.push(edge.to);
      if (next.length === 0) return false;
      current = closure(next);
    }
    return current.has(accept);
  };
}

/** `abc`, `a-z` ranges, negated by a leading `!` or `^`. */
function characterClass(body: string): (char: string) => boolean {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  const tests: ((char: string) => boolean)[] = [];
  for (let at = 0; at < members.length; at++) {
    const low = members[at];
    if (members[at + 1] === '-' && at + 2 < members.length) {
      const high = members[at + 2];
      tests.push((char) => char >= low && char <= high);
      at += 2;
    } else tests.push((char) => char === low);
  }
  return (char) => tests.some((test) => test(char)) !== negated;
}
