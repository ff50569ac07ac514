import type { ClusterModel } from '../core/model/clusterModel';
import type { ServicePort } from '../core/model/serviceView';
import { POD_TEMPLATE_PATHS } from '../core/model/podView';
import { lookUpPortNumber } from '../core/references/servicePorts';
import { serviceFqdn } from './dnsNames';
import { code, text } from './markdown';
import type { ReferenceAt } from './serviceReferenceAt';

/** The hover of a reference to a Service (or to the ports a monitor scrapes, a workload, a ServiceAccount, the Pods of a selector): what it resolves to. */
export function referenceHover(model: ClusterModel, reference: ReferenceAt): string {
  switch (reference.kind) {
    case 'service':
      return serviceReferenceHover(model, reference);
    case 'monitor-selector': {
      const { services } = reference;
      const lines = [`**ServiceMonitor selector** matches ${services.length} Service${services.length === 1 ? '' : 's'} by their labels`];
      if (services.length > 0) lines.push('', ...services.slice(0, 8).map((service) => `- Service ${code(`${service.namespace}/${service.name}`)} · ports ${service.ports.map((port) => code(port.name ?? port.port ?? '?')).join(', ') || 'none'}`));
      if (services.length > 8) lines.push(`- … and ${services.length - 8} more`);
      return lines.join('\n');
    }
    case 'monitor-port': {
      const { matches, services, port } = reference;
      if (matches.length === 0) return `**Port** ${code(port)}: no port of that name on the ${services.length} Service${services.length === 1 ? '' : 's'} this ServiceMonitor selects, so nothing is scraped there.`;
      return [`**Port** ${code(port)} → scraped on:`, '', ...matches.map(({ service, port: servicePort }) => `- Service ${code(`${service.namespace}/${service.name}`)} ${describePort(servicePort)}`)].join('\n');
    }
    case 'pod-monitor-port': {
      const { ports, port, pods } = reference;
      if (ports.length === 0) return `**Port** ${code(port)}: no container port of that name in the ${pods.length} Pod${pods.length === 1 ? '' : 's'} this PodMonitor selects.`;
      return [`**Port** ${code(port)} → container port:`, '', ...ports.map((candidate) => `- ${text(candidate.containerPort ?? '?')} of ${text(candidate.owner.kind)} ${code(`${candidate.owner.namespace}/${candidate.owner.name}`)}`)].join('\n');
    }
    case 'object': {
      const { label, targetKind, namespace, name, targets } = reference;
      // a cluster-scoped kind (IngressClass) has no namespace
      if (targets.length === 0) return `**${text(label)}** → no ${text(targetKind)} ${code(name)}${namespace ? ` in namespace ${code(namespace)}` : ''}`;
      const pods = model.podsOf(targets[0]).length;
      const made = POD_TEMPLATE_PATHS[targetKind] ? ` · ${pods} Pod${pods === 1 ? '' : 's'}` : '';
      const target = targets[0];
      // a Secret that an operator writes: the object that writes it
      const writer = target.kind !== targetKind ? ` · written by ${text(target.kind)} ${code(target.name)}` : '';
      return `**${text(label)}** → ${text(targetKind)} ${code(namespace ? `${namespace}/${name}` : name)}${made}${writer}`;
    }
    case 'listener': {
      const { label, gateway, namespace, section, port, listeners, gateways } = reference;
      const asked = [section !== undefined ? `sectionName ${code(section)}` : '', port !== undefined ? `port ${text(port)}` : ''].filter((part) => part !== '').join(', ');
      if (gateways.length === 0) return `**${text(label)}** → no Gateway ${code(gateway)} in namespace ${code(namespace)}`;
      if (listeners.length === 0) return `**${text(label)}** → Gateway ${code(`${namespace}/${gateway}`)} has no listener with ${asked}`;
      return [`**${text(label)}** → Gateway ${code(`${namespace}/${gateway}`)}, listener${listeners.length === 1 ? '' : 's'}:`, '', ...listeners.map(({ listener }) => `- ${code(listener.name ?? '?')} · port ${text(listener.port ?? '?')} · routes from ${text(listener.from === 'Same' ? 'its own namespace' : listener.from === 'All' ? 'every namespace' : 'selected namespaces')}`)].join('\n');
    }
    case 'configured-host':
      return configuredHostHover(reference);
    case 'pod-selector': {
      const { label, namespace, pods } = reference;
      const owners = [...new Set(pods.map((pod) => pod.template.owner))];
      const lines = [`**${text(label)}** matches ${pods.length} Pod${pods.length === 1 ? '' : 's'} in namespace ${code(namespace)}`];
      if (owners.length > 0) lines.push('', ...owners.slice(0, 8).map((owner) => `- ${text(owner.kind)} ${code(owner.name)}`));
      if (owners.length > 8) lines.push(`- … and ${owners.length - 8} more`);
      return lines.join('\n');
    }
  }
}

function serviceReferenceHover(model: ClusterModel, reference: Extract<ReferenceAt, { kind: 'service' }>): string {
  const { service, label, name, namespace, port } = reference;
  if (!service) return `**${text(label)}** → no Service ${code(name)} in namespace ${code(namespace)}`;
  const endpoints = model.backendsOf(service).endpoints.length;
  const lines = [`**${text(label)}** → Service ${code(`${service.namespace}/${service.name}`)} · ${service.headless ? 'headless' : text(service.type)}`, '', `${code(serviceFqdn(model, service))} · ${endpoints} endpoint${endpoints === 1 ? '' : 's'}`];
  if (port?.number !== undefined) {
    const lookup = lookUpPortNumber(service, port.number);
    lines.push('', 'found' in lookup ? `port ${describePort(lookup.found)}` : `✗ no port ${text(port.number)} (ports: ${text(service.ports.map((candidate) => candidate.port ?? '?').join(', ')) || 'none'})`);
  } else if (port?.name !== undefined) {
    const found = service.ports.find((candidate) => candidate.name === port.name);
    lines.push('', found ? `port ${describePort(found)}` : `✗ no port named ${code(port.name)}`);
  }
  return lines.join('\n');
}

function describePort(port: ServicePort): string {
  return `${text(`${port.port ?? '?'}/${port.protocol}`)}${port.name ? ` (${code(port.name)})` : ''} → target port ${code(port.targetPort ?? '?')}`;
}

/** Where a configured host leads, asked from the Pods that use it: the Service and the port behind it, or that it resolves nowhere. */
function configuredHostHover(reference: Extract<ReferenceAt, { kind: 'configured-host' }>): string {
  const { host, from, lookup } = reference;
  const title = `**${code(host.written)}** from the Pods of ${text(from)}`;
  if (lookup.kind === 'external') return `${title} → not a cluster name: left to the upstream resolver`;
  if (lookup.kind === 'unresolved') return `${title} → NXDOMAIN on every search domain`;
  const { service } = lookup;
  if (!service) return `${title} → resolves (not to a Service name)`;
  const lines = [`${title} → Service ${code(`${service.namespace}/${service.name}`)} · ${service.headless ? 'headless' : text(service.type)}`];
  if (host.port !== undefined && !service.headless) {
    const lookupPort = lookUpPortNumber(service, host.port);
    lines.push('', 'found' in lookupPort ? `port ${describePort(lookupPort.found)}` : `✗ no port ${text(host.port)} (ports: ${text(service.ports.map((candidate) => candidate.port ?? '?').join(', ')) || 'none'})`);
  }
  return lines.join('\n');
}
