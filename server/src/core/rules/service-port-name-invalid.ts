import type { ManifestObject } from '../model/manifestObject';
import { siblingBefore } from './textEdits';
import { defineRule, type Fix, type RuleContext } from './types';
import { fieldPath, goQuote } from './validation/fieldErrors';
import { dns1123LabelErrors } from './validation/names';
import { hasPlaceholder } from '../placeholders';
import { itemFieldPlace } from './validation/places';
import { serviceUnderValidation, type PortUnderValidation, type ServiceUnderValidation } from './validation/serviceSpec';

export default defineRule({
  meta: {
    id: 'service-port-name-invalid',
    description: 'Service port names the API server rejects: a port without a name when the Service has more than one, a name that is not a DNS-1123 label, or the same name twice.',
    remediation: 'Name every port of a multi-port Service, each differently, with lower-case letters, digits and hyphens (at most 63).',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      required: '{{field}}: Required value',
      invalid: '{{field}}: Invalid value: {{value}}: {{detail}}',
      duplicate: '{{field}}: Duplicate value: {{value}}',
    },
    example: {
      wrong: 'ports:\n- port: 80\n- port: 443',
      right: 'ports:\n- name: http\n  port: 80\n- name: https\n  port: 443',
    },
  },
  check(context, object) {
    const service = serviceUnderValidation(object);
    if (!service) return;
    const requireName = service.ports.length > 1;
    const names = new Map<string, PortUnderValidation>();
    for (const port of service.ports) {
      const item = ['spec', 'ports', port.index];
      const path = [...item, 'name'];
      if (port.name === '') {
        if (requireName) {
          context.report({ messageId: 'required', data: { field: fieldPath(path) }, ...itemFieldPlace(context, object, item, 'name'), fix: (fixContext) => nameThePort(fixContext, object, service, port) });
        }
        continue;
      }
      if (hasPlaceholder(port.name)) continue;
      for (const detail of dns1123LabelErrors(port.name)) {
        context.report({ messageId: 'invalid', data: { field: fieldPath(path), value: goQuote(port.name), detail }, path });
      }
      const first = names.get(port.name);
      if (!first) {
        names.set(port.name, port);
        continue;
      }
      context.report({
        messageId: 'duplicate',
        data: { field: fieldPath(path), value: goQuote(port.name) },
        path,
        related: [{ object, path: ['spec', 'ports', first.index, 'name'], message: `spec.ports[${first.index}] is already named "${port.name}"` }],
      });
    }
  },
});

/**
 * Adds `name: port-<number>` (with the protocol when not TCP). Offered only when the Service has a
 * selector: without one, its Endpoints or EndpointSlices must repeat the port names, so any name
 * chosen here could silently disconnect them.
 */
function nameThePort(context: RuleContext, object: ManifestObject, service: ServiceUnderValidation, port: PortUnderValidation): Fix | undefined {
  const selector = (object.body?.spec as { selector?: unknown } | undefined)?.selector;
  if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0 || !port.port) return undefined;
  const name = port.protocol === 'TCP' ? `port-${port.port}` : `port-${port.port}-${port.protocol.toLowerCase()}`;
  if (dns1123LabelErrors(name).length > 0 || service.ports.some((other) => other.name === name)) return undefined;
  const title = `Name the port "${name}"`;
  const item = ['spec', 'ports', port.index];
  const target = itemFieldPlace(context, object, item, 'name');
  const place = context.locate({ object, path: target.path });
  // `name: ""` is written: fill it in. Otherwise add the key before the item's first one.
  if (target.on !== 'key') return place.found ? { title, edits: [{ file: place.file, span: place.span, newText: name }] } : undefined;
  const text = context.model.file(object.file)?.text;
  const edit = text !== undefined && place.keySpan ? siblingBefore(text, place.keySpan, `name: ${name}`) : undefined;
  return edit ? { title, edits: [{ file: place.file, ...edit }] } : undefined;
}
