import type { ValuePath } from '../../yaml/sourceLocator';

/**
 * How apimachinery prints a field error (`field.Error.Error()`): `<path>: <type>[: <value>][: <detail>]`.
 * Rules build their messages from these pieces so a finding reads like `kubectl apply`'s answer.
 */

/** `['spec', 'ports', 1, 'name']` → `spec.ports[1].name`. */
export function fieldPath(path: ValuePath): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text;
}

/**
 * A bad value as `ErrorBody` prints it: numbers and booleans plainly, strings Go-quoted, lists and
 * maps as JSON (Go's encoder sorts map keys; a struct keeps its field order, so build those apart).
 */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** Go's strconv.Quote, closely enough: escapes quotes, backslashes and control characters. */
export function goQuote(value: string): string {
  // one pass with no copy when nothing is escaped: names of megabytes are quoted too
  return `"${value.replace(GO_ESCAPED, (char) => GO_ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

const GO_ESCAPED = /["\\\x00-\x1f\x7f]/g;
const GO_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** `field.NotSupported`'s detail: the supported values, each quoted. */
export function supportedValues(values: readonly string[]): string {
  return `supported values: ${values.map(goQuote).join(', ')}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
