import type { ClusterModel } from '../model/clusterModel';
import type { ServiceView } from '../model/serviceView';
import { serviceRecords } from './records';
import { serviceNames } from './serviceNames';

/**
 * A Service's DNS facts as Markdown, for a hover: its FQDN and the short names that work, then the
 * records it publishes (simulated addresses marked) and any search-path capture.
 */
export function renderServiceDnsMarkdown(model: ClusterModel, service: ServiceView): string {
  const names = serviceNames(model, service);
  const lines = [`**${names.fqdn}**`, ''];
  lines.push(names.shortNames.map((entry) => `\`${entry.name}\` from ${entry.from}`).join(' · '), '');
  const records = serviceRecords(model, service);
  if (records.length === 0) {
    const why = service.type === 'ExternalName' ? 'its externalName is not a DNS name, so CoreDNS answers NXDOMAIN'
      : service.headless ? 'a headless Service without ready endpoints has no records: NXDOMAIN' : 'it has no cluster IP';
    lines.push(`No DNS records: ${why}.`);
  } else {
    lines.push('```');
    for (const entry of records) lines.push(`${entry.name} ${entry.ttl} IN ${entry.type} ${entry.data}${entry.simulated ? ' ; simulated' : ''}`);
    lines.push('```');
  }
  for (const capture of names.capturedFrom) lines.push('', `From namespace ${capture.namespace}, \`${service.name}.${service.namespace}\` is answered by ${capture.by} first (search-path capture); use \`${service.name}.${service.namespace}.svc\`.`);
  return lines.join('\n') + '\n';
}
