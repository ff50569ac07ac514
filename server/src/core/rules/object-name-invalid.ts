import type { ManifestObject } from '../model/manifestObject';
import { defineRule } from './types';
import { isApiObject, rawAt } from './validation/apiObjects';
import { goQuote } from './validation/fieldErrors';
import { dns1035LabelErrors, dns1123SubdomainErrors } from './validation/names';
import { hasPlaceholder } from '../placeholders';

/** The name format the API server requires of each kind, and what that format is called. */
const NAME_FORMATS: Readonly<Record<string, (name: string) => string[]>> = {
  // A Service name becomes a DNS label (<service>.<namespace>.svc), so it must start with a letter.
  Service: dns1035LabelErrors,
  Endpoints: dns1123SubdomainErrors,
};

export default defineRule({
  meta: {
    id: 'object-name-invalid',
    description: 'A Service name that is not a DNS-1035 label, or an Endpoints name that is not a DNS-1123 subdomain: the API server rejects the object.',
    remediation: 'Use lower-case letters, digits and hyphens; start a Service name with a letter and end every name with a letter or digit.',
    severity: 'error',
    kinds: Object.keys(NAME_FORMATS),
    scope: 'object',
    messages: {
      invalid: 'metadata.name: Invalid value: {{value}}: {{detail}}',
    },
    example: {
      wrong: 'kind: Service\nmetadata:\n  name: myService   # upper case',
      right: 'kind: Service\nmetadata:\n  name: my-service',
    },
  },
  check(context, object: ManifestObject) {
    if (!isApiObject(object) || object.name === '' || typeof rawAt(object, ['metadata', 'name']) !== 'string' || hasPlaceholder(object.name)) return;
    for (const detail of NAME_FORMATS[object.kind](object.name)) {
      context.report({ messageId: 'invalid', data: { value: goQuote(object.name), detail }, path: ['metadata', 'name'] });
    }
  },
});
