import { hasPlaceholder } from '../placeholders';
import { serviceAccountRefOf } from '../references/serviceAccountName';
import { closestNamed } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'service-account-not-found',
    description: "A Pod or Pod template `serviceAccountName` naming no ServiceAccount of its namespace, where the workspace declares ServiceAccounts for that namespace (none declared: not judged): the Pods are never created.",
    remediation: 'Set serviceAccountName to a ServiceAccount of the Pod\'s namespace, or declare the ServiceAccount there.',
    severity: 'warning',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob'],
    scope: 'cluster',
    messages: {
      noAccount: '{{field}} "{{name}}" names no ServiceAccount in namespace "{{namespace}}" (it declares {{accounts}}), so the Pods are rejected: serviceaccount "{{name}}" not found.',
      didYouMean: '{{field}} "{{name}}" names no ServiceAccount in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then the Pods are rejected: serviceaccount "{{name}}" not found.',
      otherNamespace: '{{field}} "{{name}}" names no ServiceAccount in namespace "{{namespace}}", only in {{others}}; a Pod runs as a ServiceAccount of its own namespace.',
    },
    example: {
      wrong: 'kind: ServiceAccount\nmetadata: {name: checkout}\n---\nkind: Deployment\nmetadata: {name: checkout}\nspec:\n  template:\n    spec:\n      serviceAccountName: chekout',
      right: 'kind: ServiceAccount\nmetadata: {name: checkout}\n---\nkind: Deployment\nmetadata: {name: checkout}\nspec:\n  template:\n    spec:\n      serviceAccountName: checkout',
    },
  },
  check(context, object) {
    const ref = serviceAccountRefOf(object);
    if (!ref || hasPlaceholder(ref.name)) return;
    const { model } = context;
    const namespace = object.namespace;
    if (model.objectsNamed('ServiceAccount', namespace, ref.name).length > 0) return;
    const all = model.objectsOfKind('ServiceAccount');
    const declared = all.filter((account) => account.namespace === namespace);
    // ServiceAccounts made by a chart, an operator or `kubectl create` are not in the workspace: judge only a namespace whose accounts it declares
    if (declared.length === 0 || declared.some((account) => hasPlaceholder(account.name))) return;
    const field = ref.path[ref.path.length - 1] as string;
    const data = { field, name: ref.name, namespace };
    const closest = closestNamed(ref.name, declared);
    if (closest) {
      context.report({ messageId: 'didYouMean', data: { ...data, closest: closest.name }, path: ref.path, related: [{ object: closest, path: ['metadata', 'name'], message: `ServiceAccount "${closest.name}" is declared here` }], fix: replaceFix(object, ref.path, closest.name, `Change the ServiceAccount to "${closest.name}"`) });
      return;
    }
    const elsewhere = all.filter((account) => account.name === ref.name && account.namespace !== namespace);
    if (elsewhere.length > 0) {
      // an account (or a Pod) that does not write its namespace may be put in the other's by a kustomization
      if (!object.namespaceDeclared || elsewhere.some((account) => !account.namespaceDeclared || hasPlaceholder(account.namespace))) return;
      context.report({ messageId: 'otherNamespace', data: { ...data, others: [...new Set(elsewhere.map((account) => `"${account.namespace}"`))].sort().join(', ') }, path: ref.path, related: [{ object: elsewhere[0], path: ['metadata', 'name'], message: `ServiceAccount "${ref.name}" in namespace "${elsewhere[0].namespace}"` }] });
      return;
    }
    const accounts = declared.length <= 3 ? declared.map((account) => `"${account.name}"`).join(', ') : `${declared.length} ServiceAccounts`;
    context.report({ messageId: 'noAccount', data: { ...data, accounts }, path: ref.path });
  },
});
