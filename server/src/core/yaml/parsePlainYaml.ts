import { parse } from 'yaml';

/** Parses a small YAML file (configuration) to a plain value; throws a one-line error when invalid. */
export function parsePlainYaml(text: string): unknown {
  try {
    return parse(text, { merge: false, maxAliasCount: 10, uniqueKeys: true });
  } catch (error) {
    throw new Error(String(error instanceof Error ? error.message : error).split('\n')[0]);
  }
}
