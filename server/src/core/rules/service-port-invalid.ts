import { defineRule, type Fix, type RuleContext } from './types';
import type { ManifestObject } from '../model/manifestObject';
import { fieldPath, goQuote, goValue, supportedValues } from './validation/fieldErrors';
import { portNameErrors, portNumberErrors } from './validation/names';
import { hasPlaceholder } from '../placeholders';
import { firstPlace, itemFieldPlace } from './validation/places';
import { PORT_PROTOCOLS, serviceUnderValidation, type PortUnderValidation } from './validation/serviceSpec';

export default defineRule({
  meta: {
    id: 'service-port-invalid',
    description: 'Service ports the API server rejects: none at all on a Service that needs them, a port number outside 1–65535, a protocol other than TCP, UDP or SCTP, a `targetPort` that is neither a port number nor an IANA service name, or the same port and protocol twice.',
    remediation: 'Give every Service except headless and ExternalName ones at least one port; use port numbers 1–65535, the protocols TCP, UDP or SCTP in upper case, and target port names of at most 15 lower-case letters, digits and single hyphens with at least one letter.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      required: '{{field}}: Required value',
      invalid: '{{field}}: Invalid value: {{value}}: {{detail}}',
      unsupported: '{{field}}: Unsupported value: {{value}}: {{supported}}',
      duplicate: '{{field}}: Duplicate value: {{value}}',
    },
    example: {
      wrong: 'spec:\n  ports:\n  - port: 80\n    protocol: tcp\n    targetPort: web-frontend-http',
      right: 'spec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: http',
    },
  },
  check(context, object) {
    const service = serviceUnderValidation(object);
    if (!service) return;
    // Without ports and without a selector, the document is most likely a patch fragment (kustomize
    // overlays change `type` or annotations that way), not a Service that forgot its ports.
    if (service.ports.length === 0 && !service.headless && service.type !== 'ExternalName' && service.hasSelector) {
      const place = firstPlace(context, object, [{ path: ['spec', 'ports'], on: 'key' }, { path: ['spec'], on: 'key' }, { path: ['kind'] }]);
      context.report({ messageId: 'required', data: { field: 'spec.ports' }, ...place });
    }
    const seen = new Map<string, PortUnderValidation>();
    for (const port of service.ports) {
      const item = ['spec', 'ports', port.index];
      if (port.port !== undefined) {
        for (const detail of portNumberErrors(port.port)) {
          context.report({ messageId: 'invalid', data: { field: fieldPath([...item, 'port']), value: port.port, detail }, ...itemFieldPlace(context, object, item, 'port') });
        }
      }
      if (!(PORT_PROTOCOLS as readonly string[]).includes(port.protocol) && !hasPlaceholder(port.protocol)) {
        const path = [...item, 'protocol'];
        context.report({
          messageId: 'unsupported',
          data: { field: fieldPath(path), value: goQuote(port.protocol), supported: supportedValues(PORT_PROTOCOLS) },
          path,
          fix: (fixContext) => upperCaseProtocol(fixContext, object, path, port.protocol),
        });
      }
      checkTargetPort(context, item, port);
      if (port.port === undefined) continue;
      // The API compares (protocol, port) pairs, so the same number on TCP and UDP is fine.
      const key = `${port.protocol}/${port.port}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, port);
        continue;
      }
      context.report({
        messageId: 'duplicate',
        // The API prints the (protocol, port) key as the Go struct it builds, fields in declaration order.
        data: { field: fieldPath(item), value: JSON.stringify({ Name: '', Protocol: port.protocol, AppProtocol: null, Port: port.port, TargetPort: 0, NodePort: 0 }) },
        ...itemFieldPlace(context, object, item, 'port'),
        related: [{ object, ...itemFieldPlace(context, object, ['spec', 'ports', first.index], 'port'), message: `spec.ports[${first.index}] already uses ${port.protocol} port ${port.port}` }],
      });
    }
  },
});

function checkTargetPort(context: RuleContext, item: readonly (string | number)[], port: PortUnderValidation): void {
  const path = [...item, 'targetPort'];
  const target = port.targetPort;
  if (target === undefined || (typeof target === 'string' && hasPlaceholder(target))) return;
  const details = typeof target === 'number' ? portNumberErrors(target) : portNameErrors(target);
  for (const detail of details) {
    context.report({ messageId: 'invalid', data: { field: fieldPath(path), value: goValue(target), detail }, path });
  }
}

/** `tcp` → `TCP`: the API compares protocols case-sensitively, so only the case is wrong. */
function upperCaseProtocol(context: RuleContext, object: ManifestObject, path: readonly (string | number)[], protocol: string): Fix | undefined {
  const upper = protocol.toUpperCase();
  if (!(PORT_PROTOCOLS as readonly string[]).includes(upper)) return undefined;
  const place = context.locate({ object, path });
  return { title: `Change the protocol to ${upper}`, edits: [{ file: place.file, span: place.span, newText: upper }] };
}
