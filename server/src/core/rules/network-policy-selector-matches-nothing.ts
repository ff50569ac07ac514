import { networkPolicySelectors } from '../references/podSelectors';
import { reportSelectorMatchingNoPod } from './selectorMatchesNoPod';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'network-policy-selector-matches-nothing',
    description: "A NetworkPolicy `podSelector` (the Pods it applies to, or an ingress/egress peer of its own namespace) that is not empty and matches no Pod of the namespace: the policy isolates nothing, or its rule allows traffic from or to no Pod.",
    remediation: 'Make the podSelector match the Pod template labels of the Pods meant, in the policy\'s namespace (add a namespaceSelector to a peer of another namespace); an empty podSelector {} selects every Pod of the namespace.',
    severity: 'warning',
    kinds: ['NetworkPolicy'],
    scope: 'cluster',
    messages: {
      noMatch: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}", so it has no effect.',
      didYouMean: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}"; did you mean {{nearMiss}}, the labels of {{owner}}? Until then it has no effect.',
      otherNamespace: '{{field}} {{selector}} matches no Pod in namespace "{{namespace}}", only Pods in {{others}}; a podSelector without a namespaceSelector selects Pods of the policy\'s own namespace.',
    },
    example: {
      wrong: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: api}\n---\nkind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels: {app: apii}',
      right: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: api}\n---\nkind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels: {app: api}',
    },
  },
  check(context, policy) {
    for (const selector of networkPolicySelectors(policy)) reportSelectorMatchingNoPod(context, policy, selector, policy.namespace);
  },
});
