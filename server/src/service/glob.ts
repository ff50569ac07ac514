/**
 * Glob patterns as `files.exclude` writes them, matched against `/`-separated paths relative to a
 * workspace folder: `**` spans folders, `*` and `?` stay within one, `{a,b}` and `[abc]`/`[!abc]`
 * choose. A pattern that matches a folder excludes everything below it.
 */
export type GlobMatcher = (relativePath: string) => boolean;

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const regexes = patterns.filter((pattern) => pattern.trim() !== '').map((pattern) => globToRegExp(pattern.trim()));
  if (regexes.length === 0) return () => false;
  return (relativePath) => {
    const parts = relativePath.split('/');
    // the path itself and each folder above it
    for (let length = parts.length; length > 0; length--) {
      const candidate = parts.slice(0, length).join('/');
      if (regexes.some((regex) => regex.test(candidate))) return true;
    }
    return false;
  };
}

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let index = pattern.startsWith('./') ? 2 : pattern.startsWith('/') ? 1 : 0;
  let braces = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '*' && pattern[index + 1] === '*') {
      const atStart = index === 0 || pattern[index - 1] === '/';
      const slashAfter = pattern[index + 2] === '/';
      if (atStart && slashAfter) {
        source += '(?:.*/)?';
        index += 3;
      } else {
        source += '.*';
        index += 2;
      }
      continue;
    }
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      source += '(?:';
      braces += 1;
    } else if (char === '}' && braces > 0) {
      source += ')';
      braces -= 1;
    } else if (char === ',' && braces > 0) source += '|';
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 1);
      if (close < 0) source += '\\[';
      else {
        let body = pattern.slice(index + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        index = close;
      }
    } else source += char.replace(/[.+^$()|\\]/g, '\\$&');
    index += 1;
  }
  while (braces-- > 0) source += ')';
  return new RegExp(`^${source}/?$`);
}
