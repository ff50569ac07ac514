import { formatSelector, matchesLabels, matchesLabelSelector } from '../model/labelSelector';
import type { LabelSelector } from '../model/schemas/workload';
import type { ServiceView } from '../model/serviceView';
import { hasPlaceholder } from '../placeholders';
import { coversNamespace, isMonitor, monitorSelection, type MonitorNamespaces } from '../references/monitorSelection';
import { closestName, MAX_SUGGESTION_CANDIDATES } from './closestName';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'servicemonitor-selector-matches-nothing',
    description: "A prometheus-operator ServiceMonitor whose `selector` matches the labels of no Service in the namespaces its `namespaceSelector` covers (its own by default): Prometheus silently scrapes nothing.",
    remediation: "Make spec.selector match the Service's metadata.labels (not the Pods' labels), and set spec.namespaceSelector.matchNames when the Service lives in another namespace than the ServiceMonitor.",
    severity: 'warning',
    kinds: ['ServiceMonitor'],
    scope: 'cluster',
    messages: {
      noMatch: 'selector {{selector}} matches the labels of no Service in {{namespaces}}, so this ServiceMonitor scrapes nothing.',
      didYouMean: 'selector {{selector}} matches the labels of no Service in {{namespaces}}; did you mean {{nearMiss}}, the labels of Service "{{service}}"? Until then this ServiceMonitor scrapes nothing.',
      podLabels: 'selector {{selector}} matches the labels of no Service in {{namespaces}}; it is the selector of Service "{{service}}" (its Pods\' labels), but a ServiceMonitor selects Services by their own metadata.labels, so it scrapes nothing.',
      otherNamespace: 'selector {{selector}} matches no Service in {{namespaces}}, only Services in {{others}}; a ServiceMonitor looks in its own namespace unless spec.namespaceSelector names others, so it scrapes nothing.',
    },
    example: {
      wrong: 'kind: Service\nmetadata:\n  name: api\n  labels: {app: api}\nspec:\n  selector: {app: api}\n  ports: [{name: metrics, port: 9090}]\n---\nkind: ServiceMonitor\nspec:\n  selector:\n    matchLabels: {app: apii}\n  endpoints: [{port: metrics}]',
      right: 'kind: Service\nmetadata:\n  name: api\n  labels: {app: api}\nspec:\n  selector: {app: api}\n  ports: [{name: metrics, port: 9090}]\n---\nkind: ServiceMonitor\nspec:\n  selector:\n    matchLabels: {app: api}\n  endpoints: [{port: metrics}]',
    },
  },
  check(context, monitor) {
    if (!isMonitor(monitor, 'ServiceMonitor')) return;
    const { model } = context;
    const { selector, namespaces, placeholder } = monitorSelection(monitor);
    if (placeholder || namespaces.any) return;
    const matchLabels = selector.matchLabels ?? {};
    const inScope = namespaces.names.flatMap((namespace) => model.servicesIn(namespace));
    if (inScope.some((service) => matches(service, selector))) return;
    const data = { selector: describeSelector(selector), namespaces: describeNamespaces(namespaces) };
    const path = ['spec', 'selector'];
    const elsewhere = model.services().filter((service) => !coversNamespace(namespaces, service.namespace) && matches(service, selector));
    if (elsewhere.length > 0 && Object.keys(matchLabels).length + (selector.matchExpressions?.length ?? 0) > 0) {
      // a Service that does not write its namespace may be put in the covered one by a kustomization
      if (elsewhere.some((service) => hasPlaceholder(service.namespace) || !service.object.namespaceDeclared)) return;
      context.report({
        messageId: 'otherNamespace',
        data: { ...data, others: [...new Set(elsewhere.map((service) => `"${service.namespace}"`))].sort().join(', ') },
        path,
        on: 'key',
        related: [{ object: elsewhere[0].object, path: ['metadata', 'labels'], on: 'key', message: `Service "${elsewhere[0].name}" in namespace "${elsewhere[0].namespace}" has matching labels` }],
      });
      return;
    }
    if (Object.keys(matchLabels).length === 0) return;
    // the Service's selector taken for its labels: the labels are on the Pods, not on the Service
    const bySelector = inScope.find((service) => service.selector && matchesLabels(service.selector, matchLabels));
    if (bySelector) {
      context.report({ messageId: 'podLabels', data: { ...data, service: bySelector.name }, path, on: 'key', related: [{ object: bySelector.object, path: ['spec', 'selector'], on: 'key', message: `the selector of Service "${bySelector.name}"` }] });
      return;
    }
    const nearMiss = inScope.length <= MAX_SUGGESTION_CANDIDATES ? inScope.find((service) => isNearMiss(service.object.labels, matchLabels)) : undefined;
    if (nearMiss) {
      const labels = Object.fromEntries(Object.keys(matchLabels).map((key) => [key, nearMiss.object.labels[key]]));
      context.report({ messageId: 'didYouMean', data: { ...data, nearMiss: formatSelector(labels), service: nearMiss.name }, path, on: 'key', related: [{ object: nearMiss.object, path: ['metadata', 'labels'], on: 'key', message: `Service "${nearMiss.name}" has labels ${formatSelector(labels)}` }] });
      return;
    }
    // Services of other charts or operators (or the cluster's own) are often not in the workspace:
    // speak when a Service written beside the monitor carries every key of the selector, other values
    const keys = Object.keys(matchLabels);
    if (inScope.some((service) => service.object.file === monitor.file && keys.every((key) => key in service.object.labels))) context.report({ messageId: 'noMatch', data, path, on: 'key' });
  },
});

function matches(service: ServiceView, selector: LabelSelector): boolean {
  return matchesLabelSelector(service.object.labels, selector);
}

function isNearMiss(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector)) {
    const actual = labels[key];
    if (actual === undefined) return false;
    if (actual !== value && closestName(value, [actual]) === undefined) return false;
  }
  return true;
}

function describeSelector(selector: LabelSelector): string {
  const labels = formatSelector(selector.matchLabels ?? {});
  const expressions = (selector.matchExpressions ?? []).map((expression) => `${expression.key} ${expression.operator}${expression.values?.length ? ` (${expression.values.join(', ')})` : ''}`);
  return [labels, ...expressions].filter((part) => part !== '').join(', ') || '{}';
}

function describeNamespaces(namespaces: MonitorNamespaces): string {
  if (namespaces.any) return 'any namespace';
  return namespaces.names.length === 1 ? `namespace "${namespaces.names[0]}"` : `namespaces ${namespaces.names.map((name) => `"${name}"`).join(', ')}`;
}
