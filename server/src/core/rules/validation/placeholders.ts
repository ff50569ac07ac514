/**
 * Manifests kept as templates for a substitution step (`name: etcd-{{cell}}`, envsubst's
 * `${NAME}`) are not what reaches the API server, so a value holding a placeholder is not
 * validated: the substituted value is what counts, and we cannot know it.
 */
const PLACEHOLDER = /\{\{[^}]*\}\}|\$\{[^}]*\}/;

export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}
