import { disruptionBudgetSelector } from '../references/podSelectors';
import { reportSelectorMatchingNoPod } from './selectorMatchesNoPod';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'pdb-selector-matches-nothing',
    description: "A PodDisruptionBudget whose `selector` matches no Pod of its namespace: it protects nothing, and the workload it was meant for is drained without limit.",
    remediation: "Make spec.selector match the Pod template labels of the workload to protect, in the budget's own namespace.",
    severity: 'warning',
    kinds: ['PodDisruptionBudget'],
    scope: 'cluster',
    messages: {
      noMatch: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}", so this PodDisruptionBudget protects nothing.',
      didYouMean: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}"; did you mean {{nearMiss}}, the labels of {{owner}}? Until then this PodDisruptionBudget protects nothing.',
      otherNamespace: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}", only Pods in {{others}}; a PodDisruptionBudget limits evictions of its own namespace\'s Pods only.',
    },
    example: {
      wrong: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: checkout}\n---\nkind: PodDisruptionBudget\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: chekout}',
      right: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: checkout}\n---\nkind: PodDisruptionBudget\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: checkout}',
    },
  },
  check(context, budget) {
    const selector = disruptionBudgetSelector(budget);
    if (selector) reportSelectorMatchingNoPod(context, budget, selector, budget.namespace);
  },
});
