import type { Hover } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import { SERVICE_NAME_LABEL } from '../core/model/computeBackends';
import { findPort } from '../core/model/findPort';
import { formatSelector, matchesLabels, matchesLabelSelector } from '../core/model/labelSelector';
import type { ManifestObject } from '../core/model/manifestObject';
import { POD_TEMPLATE_PATHS, podTemplateOf, type PodView } from '../core/model/podView';
import { describeUnknownSelection } from '../core/model/selectorMatch';
import { labelSelectorSchema } from '../core/model/schemas/workload';
import type { ServicePort, ServiceView } from '../core/model/serviceView';
import { serviceNames } from '../core/dns/index';
import { COMMANDS, type ShowEndpointsArguments } from '../protocol';
import { hostnameRecord, podIpName, serviceFqdn } from './dnsNames';
import { code, text } from './markdown';
import { locationOf } from './navigation';
import { pathIs, placeAt, startsWith, type PlaceAt } from './objectAt';
import { spanToRange } from './positions';
import { referenceHover } from './referenceHover';
import { referenceAt } from './serviceReferenceAt';

/** Hovers: what an object or field means once the cluster runs, in a few compact lines. */
export function hoverAt(model: ClusterModel, uri: string, offset: number): Hover | undefined {
  // of objects defined in several files, the ones nearest this file answer (alternatives.ts)
  return model.seenFrom(uri, () => hoverIn(model, uri, offset));
}

function hoverIn(model: ClusterModel, uri: string, offset: number): Hover | undefined {
  const place = placeAt(model, uri, offset);
  if (!place) return undefined;
  const value = hoverText(model, place);
  if (!value) return undefined;
  const text = model.file(uri)!.text;
  return { contents: { kind: 'markdown', value }, range: spanToRange(uri, text, place.span) };
}

function hoverText(model: ClusterModel, place: PlaceAt): string | undefined {
  const { object, path } = place;
  const onIdentity = pathIs(path, ['kind']) || pathIs(path, ['metadata', 'name']) || pathIs(path, ['metadata']);
  if (object.kind === 'Service') {
    const service = model.serviceOf(object) ?? model.service(object.namespace, object.name);
    if (!service) return undefined;
    if (service.object !== object) {
      // a Service defined twice: the cluster keeps one, and every answer comes from that one
      const note = `⚠ Service ${code(`${object.namespace}/${object.name}`)} is defined more than once; the one in ${code(baseName(service.object.file))} is used.`;
      return onIdentity ? `${note}\n\n${serviceHover(model, service)}` : undefined;
    }
    if (onIdentity) return serviceHover(model, service);
    if (startsWith(path, ['spec', 'selector'])) return service.selector ? selectorHover(model, service.namespace, service.selector, formatSelector(service.selector)) : undefined;
    if (startsWith(path, ['spec', 'ports']) && typeof path[2] === 'number') {
      const port = service.ports.find((candidate) => candidate.index === path[2]);
      return port ? portHover(model, service, port) : undefined;
    }
    if (pathIs(path, ['spec', 'externalName'])) return externalNameHover(model, service);
    return undefined;
  }
  if (object.kind === 'Endpoints' && pathIs(path, ['metadata', 'name'])) return bindingHover(model, object, 'Endpoints');
  if (object.kind === 'EndpointSlice' && (pathIs(path, ['metadata', 'labels', SERVICE_NAME_LABEL]) || pathIs(path, ['metadata', 'name']))) return bindingHover(model, object, 'EndpointSlice');
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  if (templatePath) {
    const pods = model.podsOf(object);
    if (onIdentity) return podsHover(model, object, pods);
    if (pathIs(path, [...templatePath, 'spec', 'subdomain']) || (object.kind === 'StatefulSet' && pathIs(path, ['spec', 'serviceName']))) return subdomainHover(model, object, pods);
    if (pathIs(path, [...templatePath, 'spec', 'hostname'])) return podsHover(model, object, pods);
    if (startsWith(path, [...templatePath, 'metadata', 'labels'])) return labelsHover(model, object, pods);
    if (object.kind !== 'Pod' && startsWith(path, ['spec', 'selector'])) return workloadSelectorHover(model, object);
    const containers = [...templatePath, 'spec', 'containers'];
    if (startsWith(path, containers) && typeof path[containers.length] === 'number' && path[containers.length + 1] === 'ports' && typeof path[containers.length + 2] === 'number') {
      return containerPortHover(model, object, pods, path[containers.length] as number, path[containers.length + 2] as number);
    }
  }
  const reference = referenceAt(model, object, path);
  return reference ? referenceHover(model, reference) : undefined;
}

// ---- Services ----

function serviceHover(model: ClusterModel, service: ServiceView): string {
  const names = serviceNames(model, service);
  const lines = [
    `**Service** ${code(`${service.namespace}/${service.name}`)} · ${service.headless ? 'headless' : text(service.type)}`,
    '',
    `${code(names.fqdn)}  `,
    `${code(service.name)} from namespace ${code(service.namespace)} · ${code(`${service.name}.${service.namespace}`)} from any namespace`,
    ...names.capturedFrom.map((capture) => `⚠ from namespace ${code(capture.namespace)}, ${code(`${service.name}.${service.namespace}`)} is answered by ${text(capture.by)} first (search-path capture)`),
    '',
  ];
  const reached = reachedBy(model, service);
  lines.push(...reached.map((line) => `- ${line}`));
  for (const srv of names.srvNames) {
    const port = service.ports.find((candidate) => candidate.name && srv.startsWith(`_${candidate.name}._${candidate.protocol.toLowerCase()}.`));
    lines.push(`- SRV ${code(srv)} → port ${text(port?.port ?? '?')}`);
  }
  lines.push('');
  lines.push(...endpointsSection(model, service));
  return withoutRepeats(lines).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Rows of an endpoint list shown in a hover; the rest are counted, with a link that lists them all. */
export const HOVER_ROWS = 10;

/** The lines of a hover with each line of text once (blank lines and table rules may repeat). */
function withoutRepeats(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    if (line.trim() === '' || /^\|[\s|-]*\|$/.test(line)) return true;
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/** `… and N more`, linking to the command that lists the endpoints' sources. */
function moreLine(model: ClusterModel, service: ServiceView, hidden: number): string {
  const at = locationOf(model, service.object);
  const sources = [...new Set(model.backendsOf(service).endpoints.map((endpoint) => endpoint.source))];
  const args: ShowEndpointsArguments = [service.object.file, at.range.start, sources.map((source) => locationOf(model, source))];
  // encodeURIComponent leaves parentheses, which would end the link target early (file names are workspace content)
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `… and ${hidden} more: [list all](command:${COMMANDS.showEndpoints}?${query})`;
}

function reachedBy(model: ClusterModel, service: ServiceView): string[] {
  if (service.type === 'ExternalName') return [`CNAME → ${code(service.externalName ?? '(no externalName)')}`];
  const lines: string[] = [];
  const portList = service.ports.map((port) => text(`${port.port ?? '?'}/${port.protocol} → ${port.targetPort ?? '?'}`)).join(', ');
  if (service.headless) {
    lines.push(`no cluster IP: the name answers the ready endpoints' IPs${portList ? ` · ports ${portList}` : ''}`);
  } else {
    const ips = service.clusterIPs.map((ip) => `${code(ip.ip)}${ip.simulated ? ' (simulated)' : ''}`).join(', ');
    lines.push(`cluster IP ${ips || '(none)'}${portList ? ` · ${portList}` : ''}`);
  }
  if (service.type === 'NodePort' || service.type === 'LoadBalancer') {
    for (const port of service.ports) {
      if (port.nodePort === undefined) continue;
      const nodes = model.settings.nodeAddresses.map((ip) => code(`${ip}:${port.nodePort}`)).join(', ');
      lines.push(`nodePort ${text(port.nodePort)}${port.nodePortSimulated ? ' (simulated)' : ''} → port ${text(port.port ?? '?')} on every node: ${nodes}`);
    }
  }
  if (service.type === 'LoadBalancer') lines.push('load balancer: its address comes from the cloud provider (`status.loadBalancer`)');
  return lines;
}

function endpointsSection(model: ClusterModel, service: ServiceView): string[] {
  const backends = model.backendsOf(service);
  const lines: string[] = [];
  if (backends.origin === 'external-name') lines.push('No endpoints: ExternalName Services get none.');
  else if (backends.endpoints.length === 0) {
    const unknown = service.selector ? describeUnknownSelection(model, service.namespace, service.selector, text) : undefined;
    if (unknown) lines.push(`No endpoints in the model: ${unknown}.`);
    else lines.push(service.selector ? `No endpoints: selector ${code(formatSelector(service.selector))} matches no Pod in ${code(service.namespace)}.` : 'No endpoints: no selector, and no Endpoints or EndpointSlice for it.');
  } else {
    if (backends.origin === 'hand-written') {
      const sources = [...new Set(backends.endpoints.map((endpoint) => `${text(endpoint.source.kind)} ${code(endpoint.source.name)}`))];
      lines.push(`No selector: the endpoints come from ${sources.join(', ')}.`, '');
    }
    lines.push('| Pod | IP | Target port | Ready |', '| --- | --- | --- | --- |');
    for (const endpoint of backends.endpoints.slice(0, HOVER_ROWS)) {
      const ports = service.ports.map((port) => {
        const resolved = endpoint.ports.find((candidate) => candidate.name === port.name);
        const label = service.ports.length > 1 ? `${text(port.name ?? port.port ?? '?')} ` : '';
        if (endpoint.unresolvedPorts.some((unresolved) => unresolved.portIndex === port.index)) return `${label}✗`;
        return `${label}${text(resolved?.port ?? endpoint.ports[0]?.port ?? '?')}`;
      });
      // hand-written addresses name no Pod; one whose declared IP matches is shown by name
      const pod = endpoint.pod ?? model.podsIn(service.namespace).find((candidate) => !candidate.ipSimulated && candidate.ips.some((ip) => ip.ip === endpoint.ip));
      const who = pod?.name ?? endpoint.hostname ?? '—';
      // table cells hold escaped text: a pipe inside a code span would still split the cell
      lines.push(`| ${text(who)} | ${text(endpoint.ip)}${endpoint.simulated ? ' (simulated)' : ''} | ${ports.join(', ') || '—'} | ${endpoint.ready ? 'yes' : 'no'} |`);
    }
    if (backends.endpoints.length > HOVER_ROWS) lines.push('', moreLine(model, service, backends.endpoints.length - HOVER_ROWS));
    const unresolved = new Map<string, string[]>();
    for (const endpoint of backends.endpoints) for (const port of endpoint.unresolvedPorts) unresolved.set(port.reason, [...(unresolved.get(port.reason) ?? []), endpoint.pod?.name ?? endpoint.ip]);
    for (const [reason, pods] of unresolved) lines.push('', `✗ ${text(reason)}: ${pods.map((pod) => code(pod)).join(', ')}`);
    const named = backends.endpoints.filter((endpoint) => endpoint.hostname && endpoint.ready);
    if (service.headless && named.length > 0) {
      lines.push('');
      for (const endpoint of named.slice(0, HOVER_ROWS)) lines.push(`- ${code(`${endpoint.hostname}.${serviceFqdn(model, service)}`)} → ${text(endpoint.ip)}${endpoint.simulated ? ' (simulated)' : ''}`);
      if (named.length > HOVER_ROWS) lines.push(`- … and ${named.length - HOVER_ROWS} more`);
    }
  }
  for (const ignored of backends.ignored) lines.push('', `Ignored: ${text(ignored.object.kind)} ${code(`${ignored.object.namespace}/${ignored.object.name}`)}: ${text(ignored.reason)}.`);
  return lines;
}

function portHover(model: ClusterModel, service: ServiceView, port: ServicePort): string {
  const lines = [`**Port** ${text(`${port.port ?? '?'}/${port.protocol}`)}${port.name ? ` (${code(port.name)})` : ''} of Service ${code(service.name)} → target port ${code(port.targetPort ?? '?')}`];
  if (port.nodePort !== undefined) lines.push('', `nodePort ${text(port.nodePort)}${port.nodePortSimulated ? ' (simulated)' : ''}: ${model.settings.nodeAddresses.map((ip) => code(`${ip}:${port.nodePort}`)).join(', ')}`);
  const srv = port.name ? serviceNames(model, service).srvNames.find((name) => name.startsWith(`_${port.name}._${port.protocol.toLowerCase()}.`)) : undefined;
  if (srv) lines.push('', `SRV ${code(srv)}`);
  const backends = model.backendsOf(service);
  const perPod = backends.endpoints.filter((endpoint) => endpoint.pod).map((endpoint) => {
    const resolved = findPort(endpoint.pod!.template.spec, port);
    return `- ${code(endpoint.pod!.name)}: ${resolved.ok ? `${text(resolved.port)}${resolved.container ? ` (container ${code(resolved.container)})` : ''}` : `✗ ${text(resolved.reason)}`}`;
  });
  if (perPod.length > 0) lines.push('', ...perPod);
  return lines.join('\n');
}

function externalNameHover(model: ClusterModel, service: ServiceView): string {
  const target = (service.externalName ?? '').replace(/\.$/, '');
  const zone = model.settings.clusterDomain;
  const inside = target === zone || target.endsWith(`.${zone}`);
  const ipLike = /^\d+\.\d+\.\d+\.\d+$/.test(target);
  const how = ipLike
    ? 'CoreDNS does not serve an ExternalName that is an IP address: the name gets NXDOMAIN.'
    : inside ? 'The target is inside the cluster zone, so the cluster DNS resolves it too.' : 'The target is outside the cluster: its addresses come from the upstream resolver.';
  return [`**CNAME** ${code(`${serviceFqdn(model, service)}.`)} → ${code(`${target}.`)}`, '', how].join('\n');
}

/** Which Service an Endpoints object (by name) or an EndpointSlice (by label) serves. */
function bindingHover(model: ClusterModel, object: ManifestObject, kind: 'Endpoints' | 'EndpointSlice'): string {
  const name = kind === 'Endpoints' ? object.name : object.labels[SERVICE_NAME_LABEL];
  const service = model.service(object.namespace, name);
  const header = `**${kind}** ${code(`${object.namespace}/${object.name}`)}`;
  if (!service) return `${header} → no Service ${code(name ?? '')} in namespace ${code(object.namespace)}: these addresses are not used.`;
  const ignored = model.backendsOf(service).ignored.find((entry) => entry.object === object);
  if (ignored) return `${header} → Service ${code(service.name)}, but ignored: ${text(ignored.reason)}.`;
  const count = model.backendsOf(service).endpoints.filter((endpoint) => endpoint.source === object).length;
  return `${header} → Service ${code(service.name)} (${code(serviceFqdn(model, service))}): ${count} address${count === 1 ? '' : 'es'} used.`;
}

// ---- selectors ----

function selectorHover(model: ClusterModel, namespace: string, selector: Readonly<Record<string, string>>, shown: string): string {
  const pods = model.podsSelectedBy(namespace, selector);
  const lines = [`**Selector** ${code(shown)} matches ${count(pods.length, 'Pod')} in ${code(namespace)}`];
  lines.push(...podList(pods));
  if (pods.length === 0) {
    const elsewhere = model.podsMatching(selector).filter((pod) => pod.namespace !== namespace);
    if (elsewhere.length > 0) lines.push('', `Same labels in other namespaces (not selected): ${[...new Set(elsewhere.map((pod) => code(pod.namespace)))].join(', ')}`);
  }
  return lines.join('\n');
}

function workloadSelectorHover(model: ClusterModel, object: ManifestObject): string | undefined {
  const raw = (object.body?.spec as Record<string, unknown> | undefined)?.selector;
  const parsed = labelSelectorSchema.safeParse(raw ?? {});
  if (!parsed.success) return undefined;
  const pods = model.podsIn(object.namespace).filter((pod) => matchesLabelSelector(pod.labels, parsed.data));
  const shown = formatSelector(parsed.data.matchLabels ?? {}) + (parsed.data.matchExpressions?.length ? ' + expressions' : '');
  return [`**Selector** ${code(shown)} matches ${count(pods.length, 'Pod')} in ${code(object.namespace)}`, ...podList(pods)].join('\n');
}

function podList(pods: readonly PodView[]): string[] {
  const shown = pods.slice(0, 8).map((pod) => `- ${code(pod.name)}${pod.template.owner.kind === 'Pod' ? '' : ` (${text(pod.template.owner.kind)} ${code(pod.template.owner.name)})`}`);
  if (pods.length > 8) shown.push(`- … and ${pods.length - 8} more`);
  return shown.length > 0 ? ['', ...shown] : [];
}

function labelsHover(model: ClusterModel, object: ManifestObject, pods: readonly PodView[]): string {
  const services = servicesSelecting(model, pods);
  const header = `**Labels** of the Pods of ${text(object.kind)} ${code(object.name)}`;
  return services.length > 0 ? `${header}: selected by ${services.map((service) => `Service ${code(service.name)}`).join(', ')}` : `${header}: no Service in ${code(object.namespace)} selects them`;
}

// ---- Pods and workloads ----

function podsHover(model: ClusterModel, object: ManifestObject, pods: readonly PodView[]): string {
  const lines = [`**${text(object.kind)}** ${code(`${object.namespace}/${object.name}`)}${object.kind === 'Pod' ? '' : ` · ${count(pods.length, 'Pod')}`}`, ''];
  const reasons = new Set<string>();
  for (const pod of pods.slice(0, 8)) {
    const record = hostnameRecord(model, pod);
    const ips = text(pod.ips.map((ip) => ip.ip).join(', ')) + (pod.ipSimulated ? ' (simulated)' : '');
    const name = record.published ? ` → ${code(record.fqdn)}` : record.fqdn ? ` · ${code(record.fqdn)} not published` : '';
    lines.push(`- ${code(pod.name)} ${ips}${name}`);
    if (!record.published) reasons.add(record.fqdn ? `Not published: ${record.reason}.` : `No hostname FQDN: ${record.reason}.`);
  }
  if (pods.length > 8) lines.push(`- … and ${pods.length - 8} more`);
  if (reasons.size > 0) lines.push('', ...reasons);
  const ipName = pods.length === 1 && pods[0].ips[0] ? podIpName(model, pods[0].namespace, pods[0].ips[0].ip) : undefined;
  if (ipName) lines.push('', `Pod IP name: ${code(ipName)} (CoreDNS ${code(`pods ${model.settings.pods}`)})`);
  const services = servicesSelecting(model, pods);
  if (services.length > 0) lines.push('', `Selected by ${services.map((service) => `Service ${code(service.name)}`).join(', ')}`);
  return lines.join('\n');
}

function subdomainHover(model: ClusterModel, object: ManifestObject, pods: readonly PodView[]): string {
  const subdomain = pods[0]?.subdomain ?? (object.kind === 'StatefulSet' ? stringField(object.body?.spec, 'serviceName') : podTemplateOf(object)?.spec.subdomain);
  if (!subdomain) return `**subdomain**: not set, so the Pods get no hostname FQDN.`;
  const service = model.service(object.namespace, subdomain);
  const target = service ? `Service ${code(`${service.namespace}/${service.name}`)}${service.headless ? ' (headless)' : ` (${text(service.type)}, not headless)`}` : `no Service in ${code(object.namespace)}`;
  const lines = [`**subdomain** ${code(subdomain)} → ${target}`, ''];
  const reasons = new Set<string>();
  for (const pod of pods.slice(0, 8)) {
    const record = hostnameRecord(model, pod);
    if (record.published) lines.push(`- ${code(record.fqdn)} → ${text(pod.ips.map((ip) => ip.ip).join(', '))}${pod.ipSimulated ? ' (simulated)' : ''}`);
    else {
      lines.push(`- ${code(record.fqdn ?? pod.name)} not published`);
      reasons.add(`Not published: ${record.reason}.`);
    }
  }
  if (pods.length > 8) lines.push(`- … and ${pods.length - 8} more`);
  if (reasons.size > 0) lines.push('', ...reasons);
  return lines.join('\n');
}

/** Which Service ports reach a container port: by number, or by name and protocol (FindPort). */
function containerPortHover(model: ClusterModel, object: ManifestObject, pods: readonly PodView[], containerIndex: number, portIndex: number): string | undefined {
  // malformed list items are dropped while reading, so items are found by their original index
  const container = pods[0]?.template.spec.containers?.find((candidate) => candidate.index === containerIndex);
  const port = container?.ports?.find((candidate) => candidate.index === portIndex);
  if (!container || !port || port.containerPort === undefined) return undefined;
  const protocol = port.protocol ?? 'TCP';
  const header = `**Container port** ${text(`${port.containerPort}/${protocol}`)}${port.name ? ` (${code(port.name)})` : ''} of container ${code(container.name ?? '?')}`;
  const targets: string[] = [];
  for (const service of servicesSelecting(model, pods)) {
    for (const servicePort of service.ports) {
      if (servicePort.protocol !== protocol) continue;
      const target = servicePort.targetPort ?? servicePort.port;
      if (target === port.containerPort || (port.name !== undefined && target === port.name)) targets.push(`- Service ${code(service.name)} port ${text(servicePort.port ?? '?')}${servicePort.name ? ` (${code(servicePort.name)})` : ''} → ${text(target ?? '?')}`);
    }
  }
  return targets.length > 0 ? [`${header}, reached from:`, '', ...targets].join('\n') : `${header}: no Service port of ${code(object.namespace)} targets it.`;
}

function servicesSelecting(model: ClusterModel, pods: readonly PodView[]): ServiceView[] {
  const namespace = pods[0]?.namespace;
  if (namespace === undefined) return [];
  return model.servicesIn(namespace).filter((service) => service.selector && pods.some((pod) => matchesLabels(pod.labels, service.selector!)));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function stringField(value: unknown, key: string): string | undefined {
  const field = (value as Record<string, unknown> | undefined)?.[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}


