import type { ManifestObject } from '../../model/manifestObject';
import { isRecord } from '../../model/extractObjects';

/**
 * The API groups that serve each built-in kind these rules validate. A `kind: Service` of another
 * group (Knative's `serving.knative.dev/v1`, say) is a different schema and is left alone.
 */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  Service: [''],
  Endpoints: [''],
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
};

/**
 * A built-in kind of a group that serves it, written as a whole object. A strategic-merge patch
 * (`$patch: delete`, kustomize's patch files) looks like an object but is only a fragment, so the
 * API's checks of whole objects do not apply to it.
 */
export function isApiObject(object: ManifestObject): boolean {
  const groups = GROUPS[object.kind];
  if (!groups || (object.body && '$patch' in object.body)) return false;
  const slash = object.apiVersion.indexOf('/');
  return groups.includes(slash < 0 ? '' : object.apiVersion.slice(0, slash));
}

/** The raw value at a path of an object's body, as written (no defaulting, no schema). */
export function rawAt(object: ManifestObject, path: readonly (string | number)[]): unknown {
  let value: unknown = object.body;
  for (const segment of path) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isRecord(value) ? value[segment] : undefined;
  }
  return value;
}

/** Whether a map at a path has the key, whatever its value (`key:` with nothing is `null`). */
export function hasKey(object: ManifestObject, path: readonly (string | number)[], key: string): boolean {
  const parent = rawAt(object, path);
  return isRecord(parent) && Object.prototype.hasOwnProperty.call(parent, key);
}
