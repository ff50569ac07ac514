import { KUSTOMIZATION_FILE_NAMES, readKustomization } from '../core/units/kustomization';
import { baseName, isWithin } from '../core/units/workspacePath';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';

/**
 * What decided a folder's apply units besides its list of files: the paths its kustomizations
 * name (a kustomization may name a file before it exists) and its chart folders. A new file none
 * of them claims is a plain file, placed without discovering the units again.
 */
export class UnitLayout {
  static readonly empty = new UnitLayout(new Set(), []);

  private constructor(private readonly referenced: ReadonlySet<string>, private readonly charts: readonly string[]) {}

  /** Reads the kustomizations among the files (`uri → path` as discovery reads it). */
  static read(paths: ReadonlyMap<string, string>, textOf: (uri: string) => string | undefined, charts: readonly string[]): UnitLayout {
    const referenced = new Set<string>();
    for (const [uri, path] of paths) {
      if (!KUSTOMIZATION_FILE_NAMES.includes(baseName(path))) continue;
      let value: unknown;
      try {
        value = parsePlainYaml(textOf(uri) ?? '');
      } catch {
        continue;
      }
      const references = readKustomization(path, value);
      for (const file of [...references.resources, ...references.support]) referenced.add(file);
    }
    return new UnitLayout(referenced, charts);
  }

  /** True when a kustomization names the path or a chart holds it. */
  claims(path: string): boolean {
    return this.referenced.has(path) || this.charts.some((chart) => isWithin(path, chart));
  }
}

/** What in a file decides the units: a kustomization's references, being a Chart.yaml; '' for any other file. */
export function unitShape(uri: string, text: string): string {
  const name = baseName(uri);
  if (name === 'Chart.yaml') return 'chart';
  if (!KUSTOMIZATION_FILE_NAMES.includes(name)) return '';
  try {
    return JSON.stringify(readKustomization('', parsePlainYaml(text)));
  } catch {
    return 'broken';
  }
}
