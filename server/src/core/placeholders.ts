/**
 * Manifests kept for a substitution step are not what reaches the API server: envsubst's `${NAME}`
 * and `${PORT:-9002}`, `$NAME`, Kubernetes' and kustomize's `$(NAME)`, `{NAME}`, and Helm, Argo CD or
 * Jinja actions (`{{ .Values.x }}`, `{{path.basename}}`, `{% … %}`) left in a value. A value holding
 * one is a placeholder: no rule validates it or matches it against other objects, as the value that
 * counts is the substituted one, which we cannot know. This is the one place that says what a
 * placeholder is.
 */
const PLACEHOLDER = /\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$[A-Za-z_]|\{[A-Za-z_][\w.-]*\}/;

/** `{NAME}` as a whole value: YAML reads it as a flow mapping with one key and no value. */
const BRACE_KEY = /^[A-Za-z_][\w.-]*$/;

/** Whether a value, as YAML read it, holds a placeholder: a string with one in it, or a bare `{NAME}`. */
export function hasPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{') || value.includes('$') ? PLACEHOLDER.test(value) : false;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && BRACE_KEY.test(keys[0]) && (value as Record<string, unknown>)[keys[0]] === null;
}

/** Whether a key or value anywhere in a value (labels, a selector with its expressions) holds a placeholder. */
export function holdsPlaceholder(value: unknown, depth = 0): boolean {
  if (hasPlaceholder(value)) return true;
  // selectors and labels nest two or three levels; deeper values are not compared by any rule
  if (value === null || typeof value !== 'object' || depth > 4) return false;
  if (Array.isArray(value)) return value.some((item) => holdsPlaceholder(item, depth + 1));
  for (const key in value) if (hasPlaceholder(key) || holdsPlaceholder((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** A `{NAME}` written where YAML structure stands (`name: {NAME}-svc`), which YAML reads as a flow mapping. */
const FLOW_PLACEHOLDER = /(?:^|[\s:[,-])(\{[A-Za-z_][\w.-]*\})/;

/** The `{NAME}` placeholder on a line of YAML, if any, for a syntax error to name. */
export function bracePlaceholderIn(line: string): string | undefined {
  return FLOW_PLACEHOLDER.exec(line)?.[1];
}
