import type { ValuePath } from '../yaml/sourceLocator';

/** The value at a path of a plain YAML value, and whether the whole path exists. */
export function valueAt(value: unknown, path: ValuePath): { found: boolean; value: unknown } {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) current = current[segment];
    else if (typeof current === 'object' && current !== null && !Array.isArray(current) && Object.hasOwn(current, String(segment))) current = (current as Record<string, unknown>)[String(segment)];
    else return { found: false, value: undefined };
  }
  return { found: true, value: current };
}

/** Deep equality of plain YAML values (maps compare regardless of key order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** `spec.ports[0].targetPort`, as messages name a field. */
export function formatPath(path: ValuePath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('') || 'the object';
}

/** A value as a message quotes it: strings quoted, flat maps as `{key: value, …}`, long values cut. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item !== 'object' || item === null)) {
    const text = `{${Object.entries(value).map(([key, item]) => `${key}: ${String(item)}`).join(', ')}}`;
    return text.length > 120 ? `${text.slice(0, 117)}…}` : text;
  }
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
