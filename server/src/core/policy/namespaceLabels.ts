import type { ClusterModel } from '../model/clusterModel';

/** The label the control plane sets on every Namespace: its name (immutable). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A namespace's labels as a namespaceSelector sees them: those of its Namespace object, when the
 * workspace declares one, plus `kubernetes.io/metadata.name`, which the control plane always sets.
 */
export function namespaceLabels(model: ClusterModel, namespace: string): Readonly<Record<string, string>> {
  // asked for every peer matched: the declared labels are gathered once per model generation
  const declared = model.memo(NAMESPACE_INDEX, 'labels', () => new Map(model.objectsOfKind('Namespace').map((object) => [object.name, object.labels])));
  return { ...(declared.get(namespace) ?? {}), [NAMESPACE_NAME_LABEL]: namespace };
}

const NAMESPACE_INDEX = {};
