import { formatSelector, matchesLabels } from '../model/labelSelector';
import { folderDistance } from './nearest';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'service-selector-matches-nothing',
    description: "A Service's selector matches no Pod or Pod template in its namespace, so the Service has no endpoints. A namespace with no Pods at all in the workspace is taken to be filled from elsewhere (a Helm chart, an operator), and a folder with a document that does not parse may hold the Pods; neither is reported.",
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
    const elsewhere = context.model.pods().filter((pod) => pod.namespace !== service.namespace && matchesLabels(pod.labels, selector));
    const namespaces = [...new Set(elsewhere.map((pod) => pod.namespace))].sort();
    // a namespace without a single Pod in the workspace is filled from elsewhere (a Helm chart, an operator)
    if (namespaces.length === 0 && context.model.podsIn(service.namespace).length === 0) return;
    // a document of the same folder that does not parse may hold the Pods; its yaml-syntax error is the finding
    if (namespaces.length === 0 && [...context.model.files()].some((file) => folderDistance(file.file, object.file) === 0 && file.issues.some((issue) => issue.ruleId === 'yaml-syntax'))) return;
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
