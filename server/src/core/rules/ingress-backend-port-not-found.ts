import type { ManifestObject } from '../model/manifestObject';
import type { ServiceView } from '../model/serviceView';
import { hasPlaceholder } from '../placeholders';
import { ingressServiceBackends, type IngressServiceBackend } from '../references/ingressBackends';
import { describePortNames, describePorts, lookUpPortNumber } from '../references/servicePorts';
import { closestName } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule, type RuleContext } from './types';

export default defineRule({
  meta: {
    id: 'ingress-backend-port-not-found',
    description: "An Ingress backend `port.number` that is not a port of its Service, or a `port.name` that is not one of the Service's port names (an ExternalName Service without ports has none; a number is sent to the external host as is).",
    remediation: 'Set port.number to a spec.ports[].port of the Service (not its targetPort), or port.name to one of its spec.ports[].name; name the port on an ExternalName Service, or use port.number.',
    severity: 'error',
    kinds: ['Ingress'],
    scope: 'cluster',
    messages: {
      numberNotFound: '{{field}}.port.number {{port}} is not a port of Service "{{service}}" (its ports: {{ports}}), so the controller has no endpoints for this backend.',
      numberIsTarget: '{{field}}.port.number {{port}} is the targetPort of Service "{{service}}" port {{servicePort}}; an Ingress names the Service port, not the container port behind it.',
      nameNotFound: '{{field}}.port.name "{{port}}" is not the name of a port of Service "{{service}}" (its port names: {{names}}), so the controller has no endpoints for this backend.',
      didYouMean: '{{field}}.port.name "{{port}}" is not the name of a port of Service "{{service}}"; did you mean "{{closest}}"? Until then the controller has no endpoints for this backend.',
      externalNameWithoutPorts: '{{field}}.port.name "{{port}}": Service "{{service}}" is an ExternalName Service without ports, so no port has that name; declare it in the Service\'s spec.ports or use port.number.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: web}\nspec:\n  ports: [{name: http, port: 80, targetPort: 8080}]\n---\nkind: Ingress\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 8080}}',
      right: 'kind: Service\nmetadata: {name: web}\nspec:\n  ports: [{name: http, port: 80, targetPort: 8080}]\n---\nkind: Ingress\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 80}}',
    },
  },
  check(context, ingress) {
    for (const backend of ingressServiceBackends(ingress)) {
      if (!backend.name || hasPlaceholder(backend.name)) continue;
      const service = context.model.service(ingress.namespace, backend.name);
      if (!service) continue;
      if (backend.portNumber !== undefined) checkNumber(context, ingress, backend, service, backend.portNumber);
      else if (backend.portName !== undefined && !hasPlaceholder(backend.portName)) checkName(context, ingress, backend, service, backend.portName);
    }
  },
});

function checkNumber(context: RuleContext, ingress: ManifestObject, backend: IngressServiceBackend, service: ServiceView, port: number): void {
  const path = [...backend.path, 'port', 'number'];
  const data = { field: backend.field, port, service: service.name, ports: describePorts(service) };
  const related = [{ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }];
  const lookup = lookUpPortNumber(service, port);
  if ('found' in lookup || 'externalName' in lookup) return;
  if ('targetOf' in lookup && lookup.targetOf.port !== undefined) {
    const servicePort = lookup.targetOf.port;
    context.report({ messageId: 'numberIsTarget', data: { ...data, servicePort }, path, related, fix: replaceFix(ingress, path, String(servicePort), `Use Service port ${servicePort}`) });
  } else context.report({ messageId: 'numberNotFound', data, path, related });
}

function checkName(context: RuleContext, ingress: ManifestObject, backend: IngressServiceBackend, service: ServiceView, name: string): void {
  if (service.ports.some((port) => port.name === name)) return;
  const path = [...backend.path, 'port', 'name'];
  const data = { field: backend.field, port: name, service: service.name, names: describePortNames([service]) };
  if (service.type === 'ExternalName' && service.ports.length === 0) {
    context.report({ messageId: 'externalNameWithoutPorts', data, path, related: [{ object: service.object, path: ['spec', 'type'], message: `Service "${service.name}" is ExternalName` }] });
    return;
  }
  const related = [{ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }];
  const closest = closestName(name, service.ports.flatMap((port) => (port.name ? [port.name] : [])));
  if (closest) context.report({ messageId: 'didYouMean', data: { ...data, closest }, path, related, fix: replaceFix(ingress, path, closest, `Change the port name to "${closest}"`) });
  else context.report({ messageId: 'nameNotFound', data, path, related });
}
