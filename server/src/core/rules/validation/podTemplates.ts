import type { ManifestObject } from '../../model/manifestObject';
import { isRecord } from '../../model/extractObjects';
import { POD_TEMPLATE_PATHS } from '../../model/podView';
import type { ValuePath } from '../../yaml/sourceLocator';
import { isApiObject, rawAt } from './apiObjects';

/** The kinds that carry a Pod spec: a Pod itself, or the template of the Pods a workload creates. */
export const POD_SPEC_KINDS = Object.keys(POD_TEMPLATE_PATHS);

/** A Pod spec as written, with its path inside the object (`spec`, `spec.template.spec`, …). */
export interface PodSpecUnderValidation {
  readonly path: ValuePath;
  readonly spec: Readonly<Record<string, unknown>>;
}

export function podSpecUnderValidation(object: ManifestObject): PodSpecUnderValidation | undefined {
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  if (!templatePath || !isApiObject(object)) return undefined;
  const path = [...templatePath, 'spec'];
  const spec = rawAt(object, path);
  return isRecord(spec) ? { path, spec } : undefined;
}
