import { sameService } from './duplicateServiceFields';
import { defineRule } from './types';

const EXPOSED = new Set(['NodePort', 'LoadBalancer']);

export default defineRule({
  meta: {
    id: 'duplicate-node-port',
    description: 'Two Services declare the same nodePort and protocol; a node port is allocated once per cluster, so the second Service is rejected.',
    remediation: 'Give each Service its own nodePort, or leave nodePort out and let the cluster allocate one.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      duplicate: 'nodePort {{nodePort}}/{{protocol}} is also declared by Service "{{other}}"; only one of them can be created ("provided port is already allocated").',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n---\nkind: Service\nmetadata: {name: b}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]',
      right: 'kind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n---\nkind: Service\nmetadata: {name: b}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30081}]',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service || !EXPOSED.has(service.type)) return;
    for (const port of service.ports) {
      // nodePort 0 asks for an allocated port
      if (!port.nodePort || port.nodePortSimulated) continue;
      const clashes = context.model.services().flatMap((other) =>
        !EXPOSED.has(other.type) || sameService(other, service) ? [] : other.ports.filter((candidate) => !candidate.nodePortSimulated && candidate.nodePort === port.nodePort && candidate.protocol === port.protocol).map((candidate) => ({ other, candidate })),
      );
      if (clashes.length === 0) continue;
      const first = clashes[0].other;
      context.report({
        messageId: 'duplicate',
        data: { nodePort: port.nodePort, protocol: port.protocol, other: first.namespace === service.namespace ? first.name : `${first.namespace}/${first.name}` },
        path: ['spec', 'ports', port.index, 'nodePort'],
        related: clashes.map(({ other, candidate }) => ({ object: other.object, path: ['spec', 'ports', candidate.index, 'nodePort'], message: `Service "${other.name}" declares nodePort ${port.nodePort}/${port.protocol} too` })),
      });
    }
  },
});
