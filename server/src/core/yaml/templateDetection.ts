/**
 * Helm, Jinja and other template files are not YAML until rendered. We recognise them by template
 * actions that stand where YAML structure would be: a line made of an action, an action used as a
 * key or value, or a pipeline into a template function. A `{{` inside an ordinary quoted string
 * (a Prometheus alert template, say) does not make a file templated, nor does a `${{ … }}`
 * expression (GitHub Actions, Argo) inside a plain value, which YAML reads as text.
 */
const TEMPLATE_ACTION = /\{\{-?\s*(?:[A-Za-z_.$(]|\/\*)/g;

export function findTemplateAction(text: string): number | undefined {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const open = text.indexOf('{{', lineStart);
    if (open < 0) return undefined;
    if (open < lineEnd) {
      const line = text.slice(lineStart, lineEnd);
      for (const match of line.matchAll(TEMPLATE_ACTION)) {
        if (line[match.index - 1] === '$' || insideQuotes(line, match.index)) continue;
        return lineStart + match.index;
      }
      lineStart = lineEnd + 1;
    } else {
      // jump to the line holding the next `{{`
      lineStart = text.lastIndexOf('\n', open) + 1;
    }
  }
  return undefined;
}

function insideQuotes(line: string, index: number): boolean {
  const before = line.slice(0, index);
  const trimmed = before.trimStart();
  if (trimmed.startsWith('#')) return true;
  const singles = (before.match(/'/g) ?? []).length;
  const doubles = (before.match(/(?<!\\)"/g) ?? []).length;
  // A quoted scalar that is itself only a template (`image: "{{ .Values.image }}"`) is still a template.
  const rest = line.slice(index);
  const wholeValueQuoted = /^\s*(?:-\s+)?(?:[^:#]+:\s+)?["']\{\{/.test(line) && /\}\}["']\s*(?:#.*)?$/.test(rest);
  if (wholeValueQuoted) return false;
  return singles % 2 === 1 || doubles % 2 === 1;
}
