import { defineRule } from './types';
import { rawAt } from './validation/apiObjects';
import { goQuote } from './validation/fieldErrors';
import { dns1123SubdomainErrors } from './validation/names';
import { hasPlaceholder } from '../placeholders';
import { firstPlace } from './validation/places';
import { serviceUnderValidation } from './validation/serviceSpec';

export default defineRule({
  meta: {
    id: 'service-external-name-invalid',
    description: 'An ExternalName Service without `externalName`, or whose `externalName` is not a DNS-1123 subdomain (one trailing dot allowed): the API server rejects it.',
    remediation: 'Set `externalName` to the lower-case DNS name the Service should alias, such as `db.example.com`.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      required: 'spec.externalName: Required value',
      invalid: 'spec.externalName: Invalid value: {{value}}: {{detail}}',
    },
    example: {
      wrong: 'spec:\n  type: ExternalName\n  externalName: https://db.example.com/',
      right: 'spec:\n  type: ExternalName\n  externalName: db.example.com',
    },
  },
  check(context, object) {
    const service = serviceUnderValidation(object);
    if (!service || service.type !== 'ExternalName') return;
    const written = rawAt(object, ['spec', 'externalName']);
    // The value is a CNAME target, which may end in a dot to mark it fully qualified.
    const cname = typeof written === 'string' ? written.replace(/\.$/, '') : '';
    if ((written !== undefined && written !== null && typeof written !== 'string') || hasPlaceholder(cname)) return;
    if (cname === '') {
      const place = firstPlace(context, object, [{ path: ['spec', 'externalName'], on: 'key' }, { path: ['spec', 'type'] }]);
      context.report({ messageId: 'required', ...place });
      return;
    }
    for (const detail of dns1123SubdomainErrors(cname)) {
      context.report({ messageId: 'invalid', data: { value: goQuote(cname), detail }, path: ['spec', 'externalName'] });
    }
  },
});
