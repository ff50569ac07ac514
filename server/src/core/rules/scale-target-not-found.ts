import type { ManifestObject } from '../model/manifestObject';
import { hasPlaceholder } from '../placeholders';
import { groupOf, scaleTargetRefOf, type ScaleTargetRef } from '../references/scaleTargets';
import { closestNamed } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule, type RuleContext } from './types';

/** Built-in kinds with a scale subresource: a cluster can always hold them. */
const SCALABLE_KINDS: Readonly<Record<string, string>> = { Deployment: 'apps', StatefulSet: 'apps', ReplicaSet: 'apps', ReplicationController: '' };

export default defineRule({
  meta: {
    id: 'scale-target-not-found',
    description: "A HorizontalPodAutoscaler or KEDA ScaledObject `scaleTargetRef` naming no workload of that kind in its namespace (or one of another API group): the autoscaler never scales anything. A kind the workspace holds no object of (a custom resource) is not judged.",
    remediation: "Set scaleTargetRef.kind, name and apiVersion to those of the workload to scale, in the autoscaler's own namespace.",
    severity: 'warning',
    kinds: ['HorizontalPodAutoscaler', 'ScaledObject'],
    scope: 'cluster',
    messages: {
      noTarget: 'scaleTargetRef names {{kind}} "{{name}}", which is not in namespace "{{namespace}}", so this autoscaler scales nothing.',
      didYouMean: 'scaleTargetRef names {{kind}} "{{name}}", which is not in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then this autoscaler scales nothing.',
      otherKind: 'scaleTargetRef names {{kind}} "{{name}}", but "{{name}}" in namespace "{{namespace}}" is a {{actual}}, so this autoscaler scales nothing.',
      otherNamespace: 'scaleTargetRef names {{kind}} "{{name}}", which is not in namespace "{{namespace}}", only in {{others}}; an autoscaler scales a workload of its own namespace only.',
      otherGroup: 'scaleTargetRef.apiVersion "{{apiVersion}}" is not of the API group that serves {{kind}} "{{name}}" ({{right}}), so the autoscaler finds no resource to scale.',
    },
    example: {
      wrong: 'kind: Deployment\nmetadata: {name: checkout}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: checkuot}\n  maxReplicas: 5',
      right: 'kind: Deployment\nmetadata: {name: checkout}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: checkout}\n  maxReplicas: 5',
    },
  },
  check(context, autoscaler) {
    const ref = scaleTargetRefOf(autoscaler);
    if (!ref?.name || hasPlaceholder(ref.name) || hasPlaceholder(ref.kind) || (ref.apiVersion && hasPlaceholder(ref.apiVersion))) return;
    const { model } = context;
    const namespace = autoscaler.namespace;
    const data = { kind: ref.kind, name: ref.name, namespace };
    const namePath = [...ref.path, 'name'];
    const found = model.objectsNamed(ref.kind, namespace, ref.name);
    if (found.length > 0) {
      checkGroup(context, autoscaler, ref, found);
      return;
    }
    const ofKind = model.objectsOfKind(ref.kind);
    // a custom resource (an Argo Rollout, a CloneSet) the workspace holds none of comes from elsewhere
    if (!(ref.kind in SCALABLE_KINDS) && ofKind.length === 0) return;
    const inNamespace = ofKind.filter((object) => object.namespace === namespace);
    const closest = closestNamed(ref.name, inNamespace);
    if (closest) {
      context.report({ messageId: 'didYouMean', data: { ...data, closest: closest.name }, path: namePath, related: [{ object: closest, path: ['metadata', 'name'], message: `${closest.kind} "${closest.name}" is declared here` }], fix: replaceFix(autoscaler, namePath, closest.name, `Change the target to "${closest.name}"`) });
      return;
    }
    const sameName = Object.keys(SCALABLE_KINDS).filter((kind) => kind !== ref.kind).flatMap((kind) => model.objectsNamed(kind, namespace, ref.name!));
    if (sameName.length > 0) {
      const actual = sameName[0];
      const fix = ref.kindDefaulted ? undefined : replaceFix(autoscaler, [...ref.path, 'kind'], actual.kind, `Change the target kind to ${actual.kind}`);
      context.report({ messageId: 'otherKind', data: { ...data, actual: actual.kind }, path: ref.kindDefaulted ? namePath : [...ref.path, 'kind'], related: [{ object: actual, path: ['metadata', 'name'], message: `${actual.kind} "${actual.name}" is declared here` }], fix });
      return;
    }
    if (autoscaler.namespaceDeclared) {
      const elsewhere = ofKind.filter((object) => object.name === ref.name && object.namespace !== namespace);
      // a workload that does not write its namespace may be put in this one by a kustomization
      if (elsewhere.some((object) => !object.namespaceDeclared || hasPlaceholder(object.namespace))) return;
      if (elsewhere.length > 0) {
        context.report({ messageId: 'otherNamespace', data: { ...data, others: [...new Set(elsewhere.map((object) => `"${object.namespace}"`))].sort().join(', ') }, path: namePath, related: [{ object: elsewhere[0], path: ['metadata', 'name'], message: `${ref.kind} "${ref.name}" in namespace "${elsewhere[0].namespace}"` }] });
        return;
      }
    }
    // workloads of other charts are often not in the workspace: speak when one of that kind sits beside the autoscaler
    if (inNamespace.some((object) => folderOf(object.file) === folderOf(autoscaler.file)) && !inNamespace.some((object) => hasPlaceholder(object.name))) context.report({ messageId: 'noTarget', data, path: namePath });
  },
});

/** The target exists: its apiVersion must be of the group that serves the kind (extensions/v1beta1 Deployments are gone). */
function checkGroup(context: RuleContext, autoscaler: ManifestObject, ref: ScaleTargetRef, found: readonly ManifestObject[]): void {
  if (!ref.apiVersion) return;
  const expected = SCALABLE_KINDS[ref.kind];
  const served = expected !== undefined ? [expected] : found.map((object) => groupOf(object.apiVersion));
  if (served.includes(groupOf(ref.apiVersion))) return;
  const right = expected === undefined ? found[0].apiVersion : expected === '' ? 'v1' : `${expected}/v1`;
  const path = [...ref.path, 'apiVersion'];
  context.report({
    messageId: 'otherGroup',
    data: { kind: ref.kind, name: ref.name ?? '', apiVersion: ref.apiVersion, right },
    path,
    related: [{ object: found[0], path: ['apiVersion'], message: `${found[0].kind} "${found[0].name}" is declared here` }],
    fix: replaceFix(autoscaler, path, right, `Change the apiVersion to ${right}`),
  });
}

function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}
