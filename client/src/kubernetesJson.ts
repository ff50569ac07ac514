/** JSON files beyond this many characters are not parsed to decide: the server would skip them anyway (maxFileSize). */
const MAX_CHECKED_LENGTH = 5_000_000;

/**
 * True when a JSON document is a Kubernetes manifest: an object with a string `apiVersion` and
 * `kind` at its top level (a `kind: List` among them). package.json, tsconfig.json and the other
 * JSON files of a project are not, so opening them does not start the language server.
 */
export function holdsKubernetesObjects(text: string): boolean {
  if (text.length > MAX_CHECKED_LENGTH || !text.includes('apiVersion') || !text.includes('kind')) return false;
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return typeof apiVersion === 'string' && typeof kind === 'string' && apiVersion !== '' && kind !== '';
}
