import { defineRule } from './types';
import { goQuote, supportedValues } from './validation/fieldErrors';
import { hasPlaceholder } from '../placeholders';
import { SERVICE_TYPES, serviceUnderValidation } from './validation/serviceSpec';

export default defineRule({
  meta: {
    id: 'service-type-unsupported',
    description: 'A Service `type` other than ClusterIP, NodePort, LoadBalancer or ExternalName (spelled exactly so): the API server rejects it.',
    remediation: 'Use one of ClusterIP, NodePort, LoadBalancer or ExternalName; a headless Service is `type: ClusterIP` with `clusterIP: None`.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      unsupported: 'spec.type: Unsupported value: {{value}}: {{supported}}',
    },
    example: {
      wrong: 'spec:\n  type: nodePort',
      right: 'spec:\n  type: NodePort',
    },
  },
  check(context, object) {
    const service = serviceUnderValidation(object);
    if (!service || (SERVICE_TYPES as readonly string[]).includes(service.type) || hasPlaceholder(service.type)) return;
    const path = ['spec', 'type'];
    const intended = SERVICE_TYPES.find((type) => type.toLowerCase() === service.type.toLowerCase());
    context.report({
      messageId: 'unsupported',
      data: { value: goQuote(service.type), supported: supportedValues(SERVICE_TYPES) },
      path,
      fix: intended
        ? (fixContext) => {
            const place = fixContext.locate({ object, path });
            return { title: `Change the type to ${intended}`, edits: [{ file: place.file, span: place.span, newText: intended }] };
          }
        : undefined,
    });
  },
});
