/**
 * Workspace text inside hover Markdown. Names, labels and addresses come from files anyone can
 * write; pasted raw, a backtick ends a code span and `![x](https://…)` becomes an image the editor
 * fetches. Every such text goes through `code` or `text`.
 */

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** A code span showing `value` literally: a fence longer than any run of backticks inside, one line. */
export function code(value: string | number): string {
  const inner = String(value).replace(LINE_BREAKS, ' ');
  const longest = Math.max(0, ...(inner.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // a space on each side keeps a leading or trailing backtick out of the fence; CommonMark strips one of each
  const padded = inner.startsWith('`') || inner.endsWith('`') || (inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '') ? ` ${inner} ` : inner;
  return `${fence}${padded}${fence}`;
}

/**
 * Plain text on one line, with the marks that could start markup escaped: emphasis, code, links and
 * images, HTML and entities, table pipes, and the `:`, `@` and `www.` of autolinks. Used mid-line
 * only, so marks that count at a line's start alone (`#`, `-`, `1.`) stay as they are.
 */
export function text(value: string | number): string {
  return String(value)
    .replace(LINE_BREAKS, ' ')
    .replace(/[\\`*_[\]<>&|~!:@]/g, (mark) => `\\${mark}`)
    .replace(/(www)\./gi, '$1\\.');
}
