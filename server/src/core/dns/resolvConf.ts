import { cidrList } from '../model/clusterModel';
import { ipInCidr } from '../model/ip';
import type { PodView } from '../model/podView';
import type { AnalysisSettings } from '../settings';
import { zoneOf } from './records';

/** kubelet's limits (pkg/apis/core/validation: MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars). */
export const MAX_NAMESERVERS = 3;
export const MAX_SEARCH_PATHS = 32;
export const MAX_SEARCH_LINE_CHARS = 2048;
const MAX_SEARCH_ENTRY_CHARS = 253;

/** A Pod's /etc/resolv.conf as kubelet writes it, with the notes that explain it. */
export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  /** `name` or `name:value`, in order. */
  readonly options: readonly string[];
  /** From `ndots:N` (glibc's default is 1). */
  readonly ndots: number;
  /** The dnsPolicy written (default ClusterFirst) and the one kubelet applies. */
  readonly policy: string;
  readonly effectivePolicy: 'cluster' | 'host' | 'none';
  readonly notes: readonly string[];
}

/** The cluster DNS Service's IP as kubeadm assigns it: the 10th address of the service CIDR (10.96.0.10). */
export function clusterDnsIp(settings: AnalysisSettings): string {
  const cidr = cidrList(settings.serviceCIDR)[0];
  return cidr ? ipInCidr(cidr, 10n) : '10.96.0.10';
}

/** The resolv.conf of a Pod, or of a plain ClusterFirst Pod in a namespace when no Pod is given. */
export function podResolvConf(settings: AnalysisSettings, from: { readonly pod?: PodView; readonly namespace: string }): ResolvConf {
  const spec = from.pod?.template.spec ?? {};
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const notes: string[] = [];
  const zone = zoneOf(settings);
  // kubelet's parseResolvConf drops a "." search entry and trims trailing dots from the others
  const node = { ...settings.nodeResolvConf, searches: settings.nodeResolvConf.searches.filter((entry) => entry !== '.').map(stripDot) };
  let effectivePolicy: ResolvConf['effectivePolicy'];
  if (policy === 'None') effectivePolicy = 'none';
  else if (policy === 'ClusterFirstWithHostNet') effectivePolicy = 'cluster';
  else if (policy === 'ClusterFirst') {
    effectivePolicy = spec.hostNetwork ? 'host' : 'cluster';
    if (spec.hostNetwork) notes.push('hostNetwork Pod with dnsPolicy ClusterFirst: kubelet falls back to Default (the node\'s resolv.conf); use ClusterFirstWithHostNet to reach the cluster DNS');
  } else if (policy === 'Default') effectivePolicy = 'host';
  else {
    effectivePolicy = 'cluster';
    notes.push(`dnsPolicy "${policy}" is not valid (ClusterFirst, ClusterFirstWithHostNet, Default, None); the API server rejects the Pod; shown as ClusterFirst`);
  }
  let nameservers: string[];
  let searches: string[];
  let options: string[];
  if (effectivePolicy === 'cluster') {
    nameservers = [clusterDnsIp(settings)];
    searches = unique([`${from.namespace}.svc.${zone}`, `svc.${zone}`, zone, ...node.searches]);
    options = ['ndots:5']; // kubelet replaces the node's options with its defaults
  } else if (effectivePolicy === 'host') {
    nameservers = [...node.nameservers];
    searches = [...node.searches];
    options = [...node.options];
    if (node.nameservers.length === 0) notes.push('the node\'s nameservers are not known (set nodeResolvConf.nameservers); the Pod asks the node\'s resolver, not the cluster DNS');
  } else {
    nameservers = [];
    searches = [];
    options = [];
  }
  const dnsConfig = spec.dnsConfig;
  if (dnsConfig) {
    nameservers = unique([...nameservers, ...(dnsConfig.nameservers ?? [])]);
    searches = unique([...searches, ...(dnsConfig.searches ?? []).map(stripDot)]);
    options = mergeOptions(options, dnsConfig.options ?? []);
  }
  if (policy === 'None' && nameservers.length === 0) notes.push('dnsPolicy None needs at least one dnsConfig.nameservers entry; the API server rejects the Pod');
  if (nameservers.length > MAX_NAMESERVERS) {
    nameservers = nameservers.slice(0, MAX_NAMESERVERS);
    notes.push(`Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${nameservers.join(' ')}`);
  }
  const fitted = fitSearchLimits(searches);
  if (fitted.length !== searches.length) notes.push(`Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${fitted.join(' ')}`);
  const ndotsOption = [...options].reverse().find((option) => option.startsWith('ndots:'));
  const ndots = ndotsOption ? Math.min(15, Math.max(0, Number.parseInt(ndotsOption.slice(6), 10) || 0)) : 1;
  return { nameservers, searches: fitted, options, ndots, policy, effectivePolicy, notes };
}

/** The file's text, as `cat /etc/resolv.conf` shows it inside the Pod. */
export function renderResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`);
  for (const server of conf.nameservers) lines.push(`nameserver ${server}`);
  if (conf.nameservers.length === 0) lines.push('# nameserver lines of the node\'s /etc/resolv.conf');
  if (conf.options.length) lines.push(`options ${conf.options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** kubelet's formDNSSearchFitsLimits: at most 32 paths, none over 253 characters, a line of at most 2048. */
function fitSearchLimits(searches: string[]): string[] {
  let fitted = searches.slice(0, MAX_SEARCH_PATHS).filter((entry) => entry.length <= MAX_SEARCH_ENTRY_CHARS);
  while (fitted.length && fitted.join(' ').length > MAX_SEARCH_LINE_CHARS) fitted = fitted.slice(0, -1);
  return fitted;
}

/** kubelet's mergeDNSOptions: a Pod option replaces the same-named base option. */
function mergeOptions(base: readonly string[], extra: readonly { name?: string; value?: string }[]): string[] {
  const merged = new Map<string, string>();
  for (const option of base) {
    const at = option.indexOf(':');
    merged.set(at < 0 ? option : option.slice(0, at), at < 0 ? '' : option.slice(at + 1));
  }
  for (const option of extra) if (option.name) merged.set(option.name, option.value ?? '');
  return [...merged].map(([name, value]) => (value ? `${name}:${value}` : name));
}

function unique(values: readonly string[]): string[] {
  return values.filter((value, index) => value !== '' && values.indexOf(value) === index);
}

function stripDot(value: string): string {
  return value === '.' ? value : value.replace(/\.$/, '');
}
