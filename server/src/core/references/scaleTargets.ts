import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, record, text } from './fields';

export const AUTOSCALING_GROUP = 'autoscaling';
export const KEDA_GROUP = 'keda.sh';

/** The object an autoscaler scales: a workload of the autoscaler's namespace, by API version, kind and name. */
export interface ScaleTargetRef {
  /** Path to the `scaleTargetRef` mapping. */
  readonly path: ValuePath;
  /** As written; KEDA defaults it to `apps/v1`. */
  readonly apiVersion?: string;
  readonly kind: string;
  /** True when the kind is KEDA's default (Deployment), not written. */
  readonly kindDefaulted: boolean;
  readonly name?: string;
}

/**
 * `spec.scaleTargetRef` of a HorizontalPodAutoscaler (autoscaling/v1, v2, v2beta1/2) or of a KEDA
 * ScaledObject (keda.sh), whose `kind` defaults to Deployment and `apiVersion` to apps/v1. An HPA
 * without a kind is invalid for the API, so it names nothing here.
 */
export function scaleTargetRefOf(object: ManifestObject): ScaleTargetRef | undefined {
  const isHpa = object.kind === 'HorizontalPodAutoscaler' && groupOf(object.apiVersion) === AUTOSCALING_GROUP;
  const isKeda = object.kind === 'ScaledObject' && groupOf(object.apiVersion) === KEDA_GROUP;
  if (!isHpa && !isKeda) return undefined;
  const ref = record(at(object.body, 'spec', 'scaleTargetRef'));
  if (!ref) return undefined;
  const kind = text(ref.kind);
  if (!kind && !isKeda) return undefined;
  return { path: ['spec', 'scaleTargetRef'], apiVersion: text(ref.apiVersion), kind: kind ?? 'Deployment', kindDefaulted: kind === undefined, name: text(ref.name) };
}

/** The group of an apiVersion: `apps` of `apps/v1`, `` of `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
