import type { PodTemplateView } from '../model/podView';
import { selectedTemplates } from './selectedTemplates';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'service-target-port-undeclared',
    description: 'A numeric `targetPort` that none of the selected Pods\' containers declares, though they declare other ports: declaring container ports is optional, but a different declared number often means a typo.',
    remediation: 'Check that the application listens on the targetPort; declare it as a containerPort, or point the targetPort at the declared one (by name, preferably).',
    severity: 'hint',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      undeclared: 'targetPort {{target}}/{{protocol}} is not among the container ports {{declared}} of {{owners}}; traffic goes to {{target}} anyway, so make sure the application listens there.',
    },
    example: {
      wrong: 'kind: Service\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8008}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: web, ports: [{containerPort: 8080}]}]',
      right: 'kind: Service\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: web, ports: [{containerPort: 8080}]}]',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service?.selector || service.type === 'ExternalName') return;
    const templates = selectedTemplates(context.model, service);
    for (const port of service.ports) {
      const target = port.targetPort;
      if (typeof target !== 'number') continue;
      // Pods that declare no port at all say nothing either way
      const missing = templates.filter((template) => {
        const declared = declaredPorts(template);
        return declared.length > 0 && !hasUnnumberedPort(template) && !declared.some((candidate) => candidate.port === target && candidate.protocol === port.protocol);
      });
      if (missing.length === 0) continue;
      const declared = [...new Set(missing.flatMap((template) => declaredPorts(template).map((candidate) => `${candidate.port}/${candidate.protocol}`)))];
      const written = (object.body?.spec as { ports?: { targetPort?: unknown }[] } | undefined)?.ports?.[port.index]?.targetPort !== undefined;
      context.report({
        messageId: 'undeclared',
        data: { target, protocol: port.protocol, declared: declared.join(', '), owners: missing.map((template) => `${template.owner.kind} "${template.owner.name}"`).join(', ') },
        path: ['spec', 'ports', port.index, written ? 'targetPort' : 'port'],
      });
    }
  },
});

/** A declared port whose number is no number (a placeholder such as `${PORT}`) may be any port. */
function hasUnnumberedPort(template: PodTemplateView): boolean {
  return [...(template.spec.containers ?? []), ...(template.spec.initContainers ?? [])].some((container) => (container.ports ?? []).some((candidate) => candidate.containerPort === undefined));
}

function declaredPorts(template: PodTemplateView): { port: number; protocol: string }[] {
  const containers = [...(template.spec.containers ?? []), ...(template.spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always')];
  return containers.flatMap((container) => (container.ports ?? []).flatMap((port) => (port.containerPort !== undefined ? [{ port: port.containerPort, protocol: port.protocol ?? 'TCP' }] : [])));
}
