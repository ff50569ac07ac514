import { podMonitoringSelector } from '../references/podSelectors';
import { reportSelectorMatchingNoPod } from './selectorMatchesNoPod';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'podmonitoring-selector-matches-nothing',
    description: "A GKE PodMonitoring (monitoring.googleapis.com) whose `selector` matches no Pod of its namespace: Managed Service for Prometheus silently scrapes nothing. (A ClusterPodMonitoring selects in every namespace and is not judged.)",
    remediation: "Make spec.selector match the Pod template labels of the workload to scrape, in the PodMonitoring's own namespace (or use a ClusterPodMonitoring).",
    severity: 'warning',
    kinds: ['PodMonitoring'],
    scope: 'cluster',
    messages: {
      noMatch: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}", so this PodMonitoring scrapes nothing.',
      didYouMean: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}"; did you mean {{nearMiss}}, the labels of {{owner}}? Until then this PodMonitoring scrapes nothing.',
      otherNamespace: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}", only Pods in {{others}}; a PodMonitoring scrapes its own namespace\'s Pods only (a ClusterPodMonitoring scrapes every namespace).',
    },
    example: {
      wrong: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: checkout}\n---\napiVersion: monitoring.googleapis.com/v1\nkind: PodMonitoring\nspec:\n  selector:\n    matchLabels: {app: chekout}\n  endpoints: [{port: metrics}]',
      right: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: checkout}\n---\napiVersion: monitoring.googleapis.com/v1\nkind: PodMonitoring\nspec:\n  selector:\n    matchLabels: {app: checkout}\n  endpoints: [{port: metrics}]',
    },
  },
  check(context, monitor) {
    const selector = podMonitoringSelector(monitor);
    if (selector) reportSelectorMatchingNoPod(context, monitor, selector, monitor.namespace);
  },
});
