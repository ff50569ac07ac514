import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, list, text } from './fields';
import { hostsInText, type HostInText } from './hostsInText';

/** A host written in a container's configuration, where it is written. */
export interface ConfiguredHost extends HostInText {
  /** Path to the string value that holds it. */
  readonly path: ValuePath;
  /** `env CART_ADDR of container "frontend"`, `args[2] of container "api"`, for messages. */
  readonly field: string;
}

/** The hosts a Pod template's containers (init containers too) are configured with: `env` values, `args` and `command`. */
export function configuredHostsOf(object: ManifestObject): readonly ConfiguredHost[] {
  let hosts = found.get(object);
  if (!hosts) found.set(object, (hosts = hostsOf(object)));
  return hosts;
}

/** An object is not changed once read (a new version of its file is new objects): its hosts are found once. */
const found = new WeakMap<ManifestObject, readonly ConfiguredHost[]>();

function hostsOf(object: ManifestObject): ConfiguredHost[] {
  const template = podTemplateOf(object);
  if (!template) return [];
  const specPath = [...template.templatePath, 'spec'];
  const hosts: ConfiguredHost[] = [];
  for (const containersKey of ['initContainers', 'containers']) {
    list(at(object.body, ...specPath, containersKey)).forEach((container, containerIndex) => {
      const containerPath = [...specPath, containersKey, containerIndex];
      const name = text(at(container, 'name')) ?? String(containerIndex);
      list(at(container, 'env')).forEach((variable, index) => {
        const value = text(at(variable, 'value'));
        if (value) for (const host of hostsInText(value)) hosts.push({ ...host, path: [...containerPath, 'env', index, 'value'], field: `env ${text(at(variable, 'name')) ?? index} of container "${name}"` });
      });
      for (const key of ['command', 'args']) {
        list(at(container, key)).forEach((argument, index) => {
          const value = text(argument);
          if (value) for (const host of hostsInText(value)) hosts.push({ ...host, path: [...containerPath, key, index], field: `${key}[${index}] of container "${name}"` });
        });
      }
    });
  }
  return hosts;
}
