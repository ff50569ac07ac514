import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import { at, list, text } from './fields';

/**
 * The names of the ConfigMaps a Pod template reads, in its own namespace: `envFrom[].configMapRef`,
 * `env[].valueFrom.configMapKeyRef` (init containers too), and `configMap` volumes, also as sources
 * of a `projected` volume.
 */
export function configMapsReadBy(object: ManifestObject): ReadonlySet<string> {
  let names = read.get(object);
  if (!names) read.set(object, (names = readNames(object)));
  return names;
}

const read = new WeakMap<ManifestObject, ReadonlySet<string>>();

function readNames(object: ManifestObject): ReadonlySet<string> {
  const template = podTemplateOf(object);
  const names = new Set<string>();
  if (!template) return names;
  const spec = at(object.body, ...template.templatePath, 'spec');
  const add = (value: unknown): void => {
    const name = text(value);
    if (name) names.add(name);
  };
  for (const containersKey of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const container of list(at(spec, containersKey))) {
      for (const source of list(at(container, 'envFrom'))) add(at(source, 'configMapRef', 'name'));
      for (const variable of list(at(container, 'env'))) add(at(variable, 'valueFrom', 'configMapKeyRef', 'name'));
    }
  }
  for (const volume of list(at(spec, 'volumes'))) {
    add(at(volume, 'configMap', 'name'));
    for (const source of list(at(volume, 'projected', 'sources'))) add(at(source, 'configMap', 'name'));
  }
  return names;
}
