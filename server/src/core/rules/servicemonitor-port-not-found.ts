import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import { hasPlaceholder } from '../placeholders';
import { containerPortsOf } from '../references/containerPorts';
import { isMonitor, monitorEndpoints, monitorSelection, servicesMonitoredBy, type MonitorEndpoint } from '../references/monitorSelection';
import { describePortNames } from '../references/servicePorts';
import { closestName } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule, type RuleContext } from './types';

export default defineRule({
  meta: {
    id: 'servicemonitor-port-not-found',
    description: "A ServiceMonitor endpoint whose `port` is not the name of a port of the Services it selects (a number, or a container port's name, are the usual mistakes), or whose `targetPort` names no container port of their Pods: that endpoint is silently never scraped.",
    remediation: "Set endpoints[].port to the name of a spec.ports[] entry of the selected Service (name the Service port if it has none); a container port is named in targetPort, not port.",
    severity: 'error',
    kinds: ['ServiceMonitor'],
    scope: 'cluster',
    messages: {
      notFound: 'spec.endpoints[{{index}}].port "{{port}}" is not the name of a port of {{services}} (port names: {{names}}), so this endpoint is never scraped.',
      didYouMean: 'spec.endpoints[{{index}}].port "{{port}}" is not the name of a port of {{services}}; did you mean "{{closest}}"? Until then this endpoint is never scraped.',
      number: 'spec.endpoints[{{index}}].port "{{port}}" is a port number, but port takes the name of a Service port; {{hint}} Until then this endpoint is never scraped.',
      containerPort: 'spec.endpoints[{{index}}].port "{{port}}" is the name of a container port, not of a Service port; {{hint}} Until then this endpoint is never scraped.',
      targetPortNotFound: 'spec.endpoints[{{index}}].targetPort "{{port}}" names no container port of the Pods behind {{services}}, so this endpoint is never scraped.',
    },
    example: {
      wrong: 'kind: Service\nmetadata:\n  name: api\n  labels: {app: api}\nspec:\n  selector: {app: api}\n  ports: [{name: http-metrics, port: 9090, targetPort: metrics}]\n---\nkind: ServiceMonitor\nspec:\n  selector:\n    matchLabels: {app: api}\n  endpoints: [{port: metrics}]',
      right: 'kind: Service\nmetadata:\n  name: api\n  labels: {app: api}\nspec:\n  selector: {app: api}\n  ports: [{name: http-metrics, port: 9090, targetPort: metrics}]\n---\nkind: ServiceMonitor\nspec:\n  selector:\n    matchLabels: {app: api}\n  endpoints: [{port: http-metrics}]',
    },
  },
  check(context, monitor) {
    if (!isMonitor(monitor, 'ServiceMonitor') || monitorSelection(monitor).placeholder) return;
    const services = servicesMonitoredBy(context.model, monitor);
    // selecting nothing is servicemonitor-selector-matches-nothing's finding, not this one's
    if (services.length === 0 || services.some((service) => hasPlaceholder(service.name) || service.ports.some((port) => hasPlaceholder(port.name)))) return;
    const pods = services.flatMap((service) => (service.selector ? context.model.podsSelectedBy(service.namespace, service.selector) : []));
    for (const endpoint of monitorEndpoints(monitor)) {
      if (endpoint.port !== undefined && !hasPlaceholder(endpoint.port)) checkPort(context, monitor, endpoint, endpoint.port, services, pods);
      else if (endpoint.port === undefined && typeof endpoint.targetPort === 'string' && !hasPlaceholder(endpoint.targetPort)) checkTargetPort(context, endpoint, endpoint.targetPort, services, pods);
    }
  },
});

function checkPort(context: RuleContext, monitor: ManifestObject, endpoint: MonitorEndpoint, port: string, services: readonly ServiceView[], pods: readonly PodView[]): void {
  const servicePorts = services.flatMap((service) => service.ports.map((servicePort) => ({ service, servicePort })));
  if (servicePorts.some(({ servicePort }) => servicePort.name === port)) return;
  const path = ['spec', 'endpoints', endpoint.index, 'port'];
  const data = { index: endpoint.index, port, services: describeServices(services), names: describePortNames(services) };
  const related = services.slice(0, 3).map((service) => ({ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }));
  const rename = (name: string) => replaceFix(monitor, path, name, `Change the port to "${name}"`);
  if (/^\d+$/.test(port)) {
    const number = Number(port);
    const meant = servicePorts.find(({ servicePort }) => servicePort.port === number) ?? servicePorts.find(({ servicePort }) => servicePort.targetPort === number);
    const hint = !meant
      ? 'no Service port has this number.'
      : meant.servicePort.name
        ? `did you mean "${meant.servicePort.name}", Service port ${meant.servicePort.port ?? '?'}?`
        : `Service "${meant.service.name}" port ${meant.servicePort.port ?? '?'} has no name: name it and use the name.`;
    context.report({ messageId: 'number', data: { ...data, hint }, path, related, fix: meant?.servicePort.name ? rename(meant.servicePort.name) : undefined });
    return;
  }
  const containerPort = containerPortsOf(pods).find((candidate) => candidate.name === port);
  if (containerPort) {
    // the Service port whose targetPort leads to that container port is the one to name
    const meant = servicePorts.find(({ servicePort }) => servicePort.targetPort === port || (containerPort.containerPort !== undefined && servicePort.targetPort === containerPort.containerPort));
    const hint = !meant
      ? 'no Service port targets it.'
      : meant.servicePort.name
        ? `did you mean "${meant.servicePort.name}", the Service port that targets it?`
        : `Service "${meant.service.name}" port ${meant.servicePort.port ?? '?'} targets it but has no name: name it and use the name.`;
    context.report({
      messageId: 'containerPort',
      data: { ...data, hint },
      path,
      related: [{ object: containerPort.owner, path: [...containerPort.path, 'name'], message: `container port "${port}" of ${containerPort.owner.kind} "${containerPort.owner.name}"` }, ...related],
      fix: meant?.servicePort.name ? rename(meant.servicePort.name) : undefined,
    });
    return;
  }
  const closest = closestName(port, servicePorts.flatMap(({ servicePort }) => (servicePort.name ? [servicePort.name] : [])));
  if (closest) context.report({ messageId: 'didYouMean', data: { ...data, closest }, path, related, fix: rename(closest) });
  else context.report({ messageId: 'notFound', data, path, related });
}

function checkTargetPort(context: RuleContext, endpoint: MonitorEndpoint, targetPort: string, services: readonly ServiceView[], pods: readonly PodView[]): void {
  // Pods of other charts are often not in the workspace: only Pods the model holds are compared
  const ports = containerPortsOf(pods);
  if (ports.length === 0 || ports.some((port) => port.name === targetPort)) return;
  context.report({ messageId: 'targetPortNotFound', data: { index: endpoint.index, port: targetPort, services: describeServices(services) }, path: ['spec', 'endpoints', endpoint.index, 'targetPort'] });
}

function describeServices(services: readonly ServiceView[]): string {
  const names = services.slice(0, 3).map((service) => `"${service.namespace}/${service.name}"`).join(', ') + (services.length > 3 ? ` and ${services.length - 3} more` : '');
  return `${services.length === 1 ? 'Service' : 'Services'} ${names}`;
}
