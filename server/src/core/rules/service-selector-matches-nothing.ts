import { formatSelector } from '../model/labelSelector';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'service-selector-matches-nothing',
    description: "A Service's selector matches no Pod or Pod template in its namespace, so the Service has no endpoints.",
    remediation: 'Make the selector a subset of the Pod template labels of the workload it should route to, in the same namespace.',
    severity: 'warning',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      noMatch: 'selector {{selector}} matches no Pod in namespace "{{namespace}}", so Service "{{name}}" has no endpoints.',
      otherNamespace: 'selector {{selector}} matches no Pod in namespace "{{namespace}}", only Pods in {{others}}; a Service selects Pods of its own namespace only.',
    },
    example: {
      wrong: 'kind: Service\nspec:\n  selector: {app: web}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: frontend}',
      right: 'kind: Service\nspec:\n  selector: {app: frontend}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: frontend}',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service || !service.selector || service.type === 'ExternalName') return;
    if (context.model.podsSelectedBy(service.namespace, service.selector).length > 0) return;
    const selector = service.selector;
    const elsewhere = context.model.podsMatching(selector).filter((pod) => pod.namespace !== service.namespace);
    const namespaces = [...new Set(elsewhere.map((pod) => pod.namespace))].sort();
    const first = elsewhere[0]?.template.owner;
    context.report({
      messageId: namespaces.length > 0 ? 'otherNamespace' : 'noMatch',
      data: { selector: formatSelector(selector), namespace: service.namespace, name: service.name, others: namespaces.map((namespace) => `"${namespace}"`).join(', ') },
      path: ['spec', 'selector'],
      on: 'key',
      related: first ? [{ object: first, path: ['metadata', 'name'], message: `${first.kind} "${first.name}" in namespace "${first.namespace}" has matching labels` }] : [],
    });
  },
});
