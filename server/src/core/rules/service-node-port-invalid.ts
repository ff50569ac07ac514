import { defineRule } from './types';
import { fieldPath } from './validation/fieldErrors';
import { serviceUnderValidation, type PortUnderValidation } from './validation/serviceSpec';

export default defineRule({
  meta: {
    id: 'service-node-port-invalid',
    description: 'A `nodePort` the API server rejects: set on a ClusterIP Service, outside the node port range (`nodePortRange`, 30000-32767 by default), or the same port and protocol twice in one Service.',
    remediation: 'Drop `nodePort` from ClusterIP Services (or make them NodePort or LoadBalancer), pick a port inside the node port range, or leave it out and let the cluster allocate one.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      forbidden: "{{field}}: Forbidden: may not be used when `type` is 'ClusterIP'",
      outOfRange: '{{field}}: Invalid value: {{value}}: provided port is not in the valid range. The range of valid ports is {{range}}',
      duplicate: '{{field}}: Duplicate value: {{value}}',
    },
    example: {
      wrong: 'spec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080',
      right: 'spec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080',
    },
  },
  check(context, object) {
    const service = serviceUnderValidation(object);
    if (!service) return;
    const [low, high] = context.settings.nodePortRange.split('-').map(Number);
    const seen = new Map<string, PortUnderValidation>();
    for (const port of service.ports) {
      if (port.nodePort === 0) continue;
      const path = ['spec', 'ports', port.index, 'nodePort'];
      const field = fieldPath(path);
      // With `type` left out and no selector, this may be a patch to a NodePort Service's ports.
      if (service.type === 'ClusterIP' && (service.typeWritten || service.hasSelector)) {
        context.report({ messageId: 'forbidden', data: { field }, path });
      }
      // Only NodePort and LoadBalancer Services get node ports allocated, from the configured range.
      if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
      if (port.nodePort < low || port.nodePort > high) {
        context.report({ messageId: 'outOfRange', data: { field, value: port.nodePort, range: context.settings.nodePortRange }, path });
      }
      const key = `${port.protocol}/${port.nodePort}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, port);
        continue;
      }
      context.report({
        messageId: 'duplicate',
        data: { field, value: port.nodePort },
        path,
        related: [{ object, path: ['spec', 'ports', first.index, 'nodePort'], message: `spec.ports[${first.index}] already uses ${port.protocol} node port ${port.nodePort}` }],
      });
    }
  },
});
