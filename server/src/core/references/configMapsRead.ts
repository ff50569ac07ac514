import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import { at, list, text } from './fields';

/** How a Pod template reads one ConfigMap: which keys, and whether it takes them all. */
export interface ConfigMapRead {
  /** Keys named one by one: `configMapKeyRef.key`, a volume's `items[].key`. */
  readonly keys: ReadonlySet<string>;
  /** Every key as an environment variable (`envFrom`). */
  readonly allAsEnv: boolean;
  /** Every key as a file (a `configMap` volume, or projected source, without `items`). */
  readonly allAsFiles: boolean;
}

/**
 * The ConfigMaps a Pod template reads, in its own namespace, by name: `envFrom[].configMapRef`,
 * `env[].valueFrom.configMapKeyRef` (init containers too), and `configMap` volumes, also as sources
 * of a `projected` volume.
 */
export function configMapsReadBy(object: ManifestObject): ReadonlyMap<string, ConfigMapRead> {
  let reads = read.get(object);
  if (!reads) read.set(object, (reads = readConfigMaps(object)));
  return reads;
}

/** True when the template reads this key of the ConfigMap; `named` asks for a read that names the key or takes every key as a variable, not a whole folder of files. */
export function readsConfigMapKey(object: ManifestObject, configMap: string, key: string, named = false): boolean {
  const how = configMapsReadBy(object).get(configMap);
  return how !== undefined && (how.keys.has(key) || how.allAsEnv || (!named && how.allAsFiles));
}

const read = new WeakMap<ManifestObject, ReadonlyMap<string, ConfigMapRead>>();

function readConfigMaps(object: ManifestObject): ReadonlyMap<string, ConfigMapRead> {
  const template = podTemplateOf(object);
  const reads = new Map<string, { keys: Set<string>; allAsEnv: boolean; allAsFiles: boolean }>();
  if (!template) return reads;
  const entry = (value: unknown) => {
    const name = text(value);
    if (!name) return undefined;
    let found = reads.get(name);
    if (!found) reads.set(name, (found = { keys: new Set(), allAsEnv: false, allAsFiles: false }));
    return found;
  };
  const spec = at(object.body, ...template.templatePath, 'spec');
  for (const containersKey of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const container of list(at(spec, containersKey))) {
      for (const source of list(at(container, 'envFrom'))) {
        const found = entry(at(source, 'configMapRef', 'name'));
        if (found) found.allAsEnv = true;
      }
      for (const variable of list(at(container, 'env'))) {
        const found = entry(at(variable, 'valueFrom', 'configMapKeyRef', 'name'));
        const key = text(at(variable, 'valueFrom', 'configMapKeyRef', 'key'));
        if (found && key) found.keys.add(key);
      }
    }
  }
  const fromVolume = (source: unknown): void => {
    const found = entry(at(source, 'name'));
    if (!found) return;
    const items = list(at(source, 'items'));
    if (items.length === 0) found.allAsFiles = true;
    for (const item of items) {
      const key = text(at(item, 'key'));
      if (key) found.keys.add(key);
    }
  };
  for (const volume of list(at(spec, 'volumes'))) {
    if (at(volume, 'configMap') !== undefined) fromVolume(at(volume, 'configMap'));
    for (const source of list(at(volume, 'projected', 'sources'))) if (at(source, 'configMap') !== undefined) fromVolume(at(source, 'configMap'));
  }
  return reads;
}
