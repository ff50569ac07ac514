import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import { answerQuestion } from './answerQuestion';
import { isInZone, normalizeName } from './dnsName';
import type { DnsRecord, QueryType, Rcode } from './dnsRecord';
import { zoneOf } from './records';
import { clusterDnsIp, podResolvConf, type ResolvConf } from './resolvConf';
import { searchCandidates } from './searchList';
import { truncatedPodsNote } from './truncatedPods';
import { upstreamAnswer } from './upstream';
import { zoneAnswer, type ZoneAnswer } from './zoneAnswer';

/** Where the question is asked from: a Pod (its resolv.conf) or a plain ClusterFirst Pod in a namespace. */
export type LookupOrigin = { readonly pod: PodView } | { readonly namespace: string };

/** One name sent to the nameserver while walking the search list. */
export interface TriedName {
  /** Absolute, with the trailing dot. */
  readonly name: string;
  readonly rcode: Rcode;
  readonly answer: ZoneAnswer;
}

/** A lookup as a Pod makes it: its resolv.conf, every name tried with its result, and the answer. */
export interface Resolution {
  readonly query: string;
  readonly type: QueryType;
  /** `namespace/pod`, or `namespace` for a namespace origin. */
  readonly from: string;
  readonly server: string;
  /** True when the server is the cluster DNS Service. */
  readonly clusterServer: boolean;
  readonly resolvConf: ResolvConf;
  readonly tried: readonly TriedName[];
  /** The answering try's rcode; when every try failed, NODATA if any was NODATA, else NXDOMAIN. */
  readonly rcode: Rcode;
  readonly answers: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
  readonly upstream: boolean;
  /** Facts beside the DNS answer: /etc/hosts entries, resolv.conf warnings, the resolver modelled, truncated Pods. */
  readonly notes: readonly string[];
  /** Set when the workspace's Pods are truncated (see truncatedPodsNote): answers list the simulated ones only. */
  readonly truncated?: string;
}

/**
 * Resolves `name` from a Pod or namespace: builds the resolv.conf kubelet writes, expands the name
 * through the search list in glibc's order and asks the nameserver each candidate until one answers.
 */
export function resolveFrom(model: ClusterModel, origin: LookupOrigin, name: string, type: QueryType): Resolution {
  // a Pod asks the cluster its own file belongs to: of alternative definitions, the nearest answer
  return model.seenFrom('pod' in origin ? origin.pod.template.owner.file : undefined, () => resolveWithin(model, origin, name, type));
}

function resolveWithin(model: ClusterModel, origin: LookupOrigin, name: string, type: QueryType): Resolution {
  const pod = 'pod' in origin ? origin.pod : undefined;
  const namespace = 'pod' in origin ? origin.pod.namespace : origin.namespace;
  const conf = podResolvConf(model.settings, { pod, namespace });
  const clusterIp = clusterDnsIp(model.settings);
  // no nameserver line: glibc asks 127.0.0.1; for Default, the node's unknown resolver
  const server = conf.nameservers[0] ?? (conf.effectivePolicy === 'host' ? 'node-resolver' : '127.0.0.1');
  const clusterServer = server === clusterIp;
  const tried: TriedName[] = [];
  const ask = (candidate: string): ZoneAnswer => {
    if (clusterServer) return answerQuestion(model, candidate, type);
    const zone = zoneOf(model.settings);
    if (isInZone(normalizeName(candidate), zone)) return zoneAnswer('NXDOMAIN', [`nameserver ${server} is not the cluster DNS (${clusterIp}); it is assumed not to serve ${zone}`]);
    return upstreamAnswer(model.settings, candidate, type, `nameserver ${server} is not the cluster DNS: the simulator treats it as the upstream resolver`);
  };
  let answered: TriedName | undefined;
  const candidates = searchCandidates(name, conf.searches, conf.ndots);
  for (const candidate of candidates) {
    const answer = ask(candidate);
    const entry = { name: candidate, rcode: answer.rcode, answer };
    tried.push(entry);
    // glibc keeps searching after NXDOMAIN and NODATA; anything else ends the walk
    if (answer.rcode === 'NOERROR' || answer.rcode === 'UPSTREAM') {
      answered = entry;
      break;
    }
  }
  const notes = [...conf.notes, ...hostsFileNotes(model, pod, name)];
  const truncated = clusterServer ? truncatedPodsNote(model) : undefined;
  if (truncated) notes.push(truncated);
  if (!model.namespaceExists(namespace)) notes.push(`namespace ${namespace} does not exist in the manifests: no Pod can run there until it is created`);
  if (answered?.rcode === 'UPSTREAM' && tried.length < candidates.length) notes.push('the walk stops at the forwarded name here; a real resolver goes on to the next candidate only if the upstream answer is NXDOMAIN or NODATA');
  const rcode: Rcode = answered ? answered.rcode : tried.some((entry) => entry.rcode === 'NODATA') ? 'NODATA' : 'NXDOMAIN';
  return {
    query: name, type, from: pod ? `${pod.namespace}/${pod.name}` : namespace, server, clusterServer, resolvConf: conf, tried, rcode,
    answers: answered?.answer.answers ?? [], additional: answered?.answer.additional ?? [],
    upstream: tried.some((entry) => entry.answer.upstream), notes, truncated,
  };
}

/** The Pod's own names in the /etc/hosts kubelet writes: getaddrinfo reads them, nslookup does not. */
export function podHostsEntries(model: ClusterModel, pod: PodView): { ip: string; names: string[] }[] {
  if (pod.template.spec.hostNetwork) return [];
  const fqdn = pod.subdomain ? `${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${zoneOf(model.settings)}` : undefined;
  return pod.ips.map(({ ip }) => ({ ip, names: fqdn ? [fqdn, pod.hostname] : [pod.hostname] }));
}

function hostsFileNotes(model: ClusterModel, pod: PodView | undefined, name: string): string[] {
  if (!pod) return [];
  const wanted = normalizeName(name);
  const entry = podHostsEntries(model, pod).find((hosts) => hosts.names.some((hostName) => hostName.toLowerCase() === wanted));
  if (!entry) return [];
  return [`/etc/hosts of Pod ${pod.name} (written by kubelet) maps ${wanted} to ${entry.ip}${pod.ipSimulated ? ' (simulated)' : ''}: getent hosts and getaddrinfo answer from it, but nslookup does not read /etc/hosts, so this transcript shows only what the DNS server says`];
}
