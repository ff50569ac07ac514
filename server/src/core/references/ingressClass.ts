import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, text } from './fields';

/** The IngressClass an Ingress names in `spec.ingressClassName`. */
export interface IngressClassRef {
  readonly path: ValuePath;
  readonly name: string;
}

/**
 * `spec.ingressClassName` of an Ingress (networking.k8s.io): the name of an IngressClass, a
 * cluster-scoped object. The deprecated `kubernetes.io/ingress.class` annotation is no reference:
 * Kubernetes never defined it, and controllers compare it with a class name of their own
 * configuration, not with IngressClass objects.
 */
export function ingressClassRefOf(ingress: ManifestObject): IngressClassRef | undefined {
  if (ingress.kind !== 'Ingress' || !ingress.apiVersion.startsWith('networking.k8s.io/')) return undefined;
  const name = text(at(ingress.body, 'spec', 'ingressClassName'));
  return name ? { path: ['spec', 'ingressClassName'], name } : undefined;
}
