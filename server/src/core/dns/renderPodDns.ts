import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import { dashedIp } from './dnsName';
import { recordsOf, zoneOf } from './records';
import { podResolvConf, renderResolvConf } from './resolvConf';
import { podHostsEntries } from './resolveFrom';

/**
 * A Pod's DNS facts as Markdown, for a hover: the names other Pods can resolve for it (per-endpoint
 * records under headless Services, the CoreDNS pod record), its own /etc/hosts entry, and the
 * resolv.conf kubelet writes for it.
 */
export function renderPodDnsMarkdown(model: ClusterModel, pod: PodView): string {
  const settings = model.settings;
  const zone = zoneOf(settings);
  const lines = [`**Pod ${pod.namespace}/${pod.name}**${pod.ipSimulated ? ' (IP simulated)' : ''}`, ''];
  const published = recordsOf(model, pod.template.owner).filter((entry) => entry.endpoint?.pod === pod && entry.type !== 'SRV' && entry.type !== 'PTR');
  const names = [...new Set(published.map((entry) => `\`${entry.name.replace(/\.$/, '')}\` → ${entry.data}`))];
  if (settings.dnsProfile === 'coredns' && settings.pods !== 'disabled') {
    // `verified` answers only the primary IP of a Pod that is not Succeeded, Failed or Unknown
    const terminal = pod.phase === 'Succeeded' || pod.phase === 'Failed' || pod.phase === 'Unknown';
    const answered = settings.pods === 'insecure' ? pod.ips : terminal ? [] : pod.ips.slice(0, 1);
    for (const { ip } of answered) names.push(`\`${dashedIp(ip)}.${pod.namespace}.pod.${zone}\` → ${ip} (CoreDNS \`pods ${settings.pods}\`)`);
  }
  lines.push(names.length ? `DNS names: ${names.join(' · ')}` : 'No DNS name of its own: other Pods cannot resolve it by name.');
  if (pod.subdomain && !published.some((entry) => entry.name.split('.')[0] === pod.hostname)) {
    lines.push('', `Its hostname \`${pod.hostname}.${pod.subdomain}\` is not published: it needs \`spec.hostname\`, a headless Service \`${pod.subdomain}\` in ${pod.namespace} that selects it, and readiness (or \`publishNotReadyAddresses\`).`);
  }
  for (const entry of podHostsEntries(model, pod)) lines.push('', `/etc/hosts: \`${entry.ip} ${entry.names.join(' ')}\` (getent reads it; nslookup does not)`);
  lines.push('', '/etc/resolv.conf:', '```', renderResolvConf(podResolvConf(settings, { pod, namespace: pod.namespace })).trimEnd(), '```');
  return lines.join('\n') + '\n';
}
