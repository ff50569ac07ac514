import type { CST } from 'yaml';

/**
 * Helm, Jinja and other template files are not YAML until rendered. They are recognised after
 * lexing, not by scanning lines: a file is templated when a template action (`{{`, `{%`) stands
 * where the YAML lexer sees structure, that is where it opens a flow mapping (`name: {{ x }}`, a
 * `{{- if … }}` line, `{{ include … | nindent 4 }}` in place of a block). A `{{` inside any scalar
 * (block, quoted or plain: a PrometheusRule annotation, a Grafana dashboard, an Alertmanager
 * template, `name: web-{{ cell }}`) is text, and the value holding it is a placeholder for the rules.
 *
 * Returns the offset of the first such action, or undefined.
 */
export function findTemplateAction(text: string, tokens: readonly CST.Token[]): number | undefined {
  if (!text.includes('{{') && !text.includes('{%')) return undefined;
  let first: number | undefined;
  // an explicit stack: hostile files nest deeply, and the walk must not recurse per level
  const pending: unknown[] = [...tokens];
  while (pending.length > 0) {
    const token = pending.pop();
    if (token === null || typeof token !== 'object') continue;
    if (Array.isArray(token)) {
      for (const item of token) pending.push(item);
      continue;
    }
    const node = token as Partial<Record<'type' | 'source', string>> & { offset?: number; start?: unknown; items?: unknown; key?: unknown; sep?: unknown; value?: unknown; end?: unknown };
    // a flow mapping opened right before another `{` or a `%` is a template action, wherever the parser put it
    if (node.source === '{' && typeof node.offset === 'number' && opensAction(text, node.offset)) {
      if (first === undefined || node.offset < first) first = node.offset;
      continue;
    }
    if (node.type === 'scalar' || node.type === 'single-quoted-scalar' || node.type === 'double-quoted-scalar' || node.type === 'block-scalar') continue;
    pending.push(node.start, node.items, node.key, node.sep, node.value, node.end);
  }
  return first;
}

function opensAction(text: string, offset: number): boolean {
  const next = text.charCodeAt(offset + 1);
  return next === 123 /* { */ || next === 37 /* % */;
}
