import { defineRule } from './types';
import { fieldPath, goQuote } from './validation/fieldErrors';
import { dns1123LabelErrors } from './validation/names';
import { hasPlaceholder } from '../placeholders';
import { POD_SPEC_KINDS, podSpecUnderValidation } from './validation/podTemplates';

export default defineRule({
  meta: {
    id: 'pod-hostname-invalid',
    description: "A Pod's (or Pod template's) `hostname` or `subdomain` that is not a DNS-1123 label: the API server rejects it, as both become labels of the Pod's DNS name.",
    remediation: 'Use at most 63 lower-case letters, digits and hyphens, no dots, starting and ending with a letter or digit.',
    severity: 'error',
    kinds: POD_SPEC_KINDS,
    scope: 'object',
    messages: {
      invalid: '{{field}}: Invalid value: {{value}}: {{detail}}',
    },
    example: {
      wrong: 'kind: Pod\nspec:\n  hostname: pod_a\n  subdomain: headless.default',
      right: 'kind: Pod\nspec:\n  hostname: pod-a\n  subdomain: headless',
    },
  },
  check(context, object) {
    const pod = podSpecUnderValidation(object);
    if (!pod) return;
    for (const key of ['hostname', 'subdomain']) {
      const value = pod.spec[key];
      // The API validates only a non-empty string; anything else fails to decode first.
      if (typeof value !== 'string' || value === '' || hasPlaceholder(value)) continue;
      const path = [...pod.path, key];
      for (const detail of dns1123LabelErrors(value)) {
        context.report({ messageId: 'invalid', data: { field: fieldPath(path), value: goQuote(value), detail }, path });
      }
    }
  },
});
