import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, text } from './fields';

/** The ServiceAccount a Pod or Pod template runs as, when it names one. */
export interface ServiceAccountRef {
  /** Path to the value. */
  readonly path: ValuePath;
  readonly name: string;
}

/**
 * `serviceAccountName`, else the deprecated `serviceAccount` alias, of a Pod or a workload's Pod
 * template. `default` is made by the ServiceAccount controller in every namespace, so it names nothing to check.
 */
export function serviceAccountRefOf(object: ManifestObject): ServiceAccountRef | undefined {
  const template = podTemplateOf(object);
  if (!template) return undefined;
  const specPath = [...template.templatePath, 'spec'];
  const spec = at(object.body, ...specPath);
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const name = text(at(spec, key));
    if (name) return name === 'default' ? undefined : { path: [...specPath, key], name };
  }
  return undefined;
}
