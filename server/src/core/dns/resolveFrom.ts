import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import { dnsProfileOf } from '../corefile/profileOf';
import { answerQuestion } from './answerQuestion';
import { isInZone, isReverseName, normalizeName } from './dnsName';
import type { DnsRecord, QueryType, Rcode } from './dnsRecord';
import { zoneOf } from './records';
import { clusterDnsIp, podResolvConf, type ResolvConf } from './resolvConf';
import { resolverLabel, resolverWalk, RESOLVER_MODELS, type ResolverModel } from './resolverWalk';
import { truncatedPodsNote } from './truncatedPods';
import { upstreamAnswer } from './upstream';
import { zoneAnswer, type ZoneAnswer } from './zoneAnswer';
import type { ResolverWalk } from './resolverWalk';

/** Where the question is asked from: a Pod (its resolv.conf) or a plain ClusterFirst Pod in a namespace. */
export type LookupOrigin = { readonly pod: PodView } | { readonly namespace: string };

/** One name sent to the nameserver while walking the search list. */
export interface TriedName {
  /** Absolute, with the trailing dot. */
  readonly name: string;
  readonly rcode: Rcode;
  readonly answer: ZoneAnswer;
  /** Set when the try asked another type than the lookup's first (bind9 nslookup's AAAA after A). */
  readonly type?: QueryType;
}

/** A lookup as a Pod makes it: its resolv.conf, every name tried with its result, and the answer. */
export interface Resolution {
  readonly query: string;
  readonly type: QueryType;
  /** The stub resolver modelled, and how it walks the search list for this name. */
  readonly resolver: ResolverModel;
  readonly walk: string;
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
  /**
   * The answer carries AA: CoreDNS sets it on everything it answers from the cluster zone (an
   * ExternalName's upstream target included); a question it forwards comes back without it.
   */
  readonly authoritative: boolean;
  /** Facts beside the DNS answer: /etc/hosts entries, resolv.conf warnings, the resolver modelled, truncated Pods. */
  readonly notes: readonly string[];
  /** Set when the workspace's Pods are truncated (see truncatedPodsNote): answers list the simulated ones only. */
  readonly truncated?: string;
  /** What answered: `coredns profile`, `spec profile`, or `Corefile <where>` when a Corefile was given or found. */
  readonly answeredBy: string;
}

/** How the transcript names what answers: the profile, or the Corefile read. */
export function answererOf(model: ClusterModel): { label: string; notes: string[] } {
  if (model.settings.dnsProfile === 'spec') return { label: 'spec profile', notes: [] };
  const profile = dnsProfileOf(model);
  const notes = profile.replaced ? [profile.replaced] : [];
  if (profile.origin === 'settings') return { label: 'coredns profile', notes };
  const unmodelled = profile.unmodelled.length ? [`${profile.unmodelled.length} part${profile.unmodelled.length === 1 ? '' : 's'} of the Corefile ${profile.unmodelled.length === 1 ? 'is' : 'are'} not modelled (first: line ${profile.lineOffset + profile.unmodelled[0].line}, ${profile.unmodelled[0].message}); kube-lookup lint lists them`] : [];
  return { label: `Corefile ${profile.source}${profile.origin === 'configmap' ? ' (ConfigMap kube-system/coredns)' : ''}`, notes: [...notes, ...unmodelled] };
}

/**
 * Resolves `name` from a Pod or namespace: builds the resolv.conf kubelet writes, expands the name
 * through the search list as the chosen resolver does (`settings.resolver`: glibc, musl, or bind9's
 * nslookup) and asks the nameserver each candidate until one answers or the resolver stops. When
 * another resolver would end elsewhere, a note says so.
 */
export function resolveFrom(model: ClusterModel, origin: LookupOrigin, name: string, type: QueryType, options: { readonly resolver?: ResolverModel } = {}): Resolution {
  // a Pod asks the cluster its own file belongs to: of alternative definitions, the nearest answer
  return model.seenFrom('pod' in origin ? origin.pod.template.owner.file : undefined, () => resolveWithin(model, origin, name, type, options.resolver ?? model.settings.resolver));
}

function resolveWithin(model: ClusterModel, origin: LookupOrigin, name: string, type: QueryType, resolver: ResolverModel): Resolution {
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
  // every resolver model asks the same server: each name is answered once
  const answers = new Map<string, ZoneAnswer>();
  const memo = (candidate: string): ZoneAnswer => {
    let answer = answers.get(candidate);
    if (!answer) answers.set(candidate, (answer = ask(candidate)));
    return answer;
  };
  const walk = resolverWalk(resolver, name, conf.searches, conf.ndots);
  const ending = walkWith(walk, memo);
  tried.push(...ending.tried);
  const answered = ending.answered;
  const candidates = walk.candidates;
  const answerer = clusterServer ? answererOf(model) : { label: model.settings.dnsProfile === 'spec' ? 'spec profile' : 'coredns profile', notes: [] };
  const notes = [...conf.notes, ...answerer.notes, ...hostsFileNotes(model, pod, name)];
  notes.push(...otherResolverNotes(resolver, name, conf.searches, conf.ndots, memo, ending));
  const truncated = clusterServer ? truncatedPodsNote(model) : undefined;
  if (truncated) notes.push(truncated);
  if (!model.namespaceExists(namespace)) notes.push(`namespace ${namespace} does not exist in the manifests: no Pod can run there until it is created`);
  if (answered?.rcode === 'UPSTREAM' && tried.length < candidates.length) notes.push('the walk stops at the forwarded name here; a real resolver goes on to the next candidate only if the upstream answer is NXDOMAIN or NODATA');
  const rcode = ending.rcode;
  return {
    query: name, type, resolver, walk: walk.description, from: pod ? `${pod.namespace}/${pod.name}` : namespace, server, clusterServer, resolvConf: conf, tried, rcode,
    answers: answered?.answer.answers ?? [], additional: answered?.answer.additional ?? [],
    upstream: tried.some((entry) => entry.answer.upstream), notes, truncated, answeredBy: answerer.label,
    authoritative: answered !== undefined && clusterServer && answeredByCluster(model, answered),
  };
}

interface WalkEnding {
  readonly tried: TriedName[];
  readonly answered?: TriedName;
  readonly rcode: Rcode;
}

/** Sends the walk's names until one answers (or goes upstream) or the resolver stops. */
function walkWith(walk: ResolverWalk, ask: (candidate: string) => ZoneAnswer): WalkEnding {
  const tried: TriedName[] = [];
  for (const candidate of walk.candidates) {
    const answer = ask(candidate);
    const entry = { name: candidate, rcode: answer.rcode, answer };
    tried.push(entry);
    if (answer.rcode === 'NOERROR' || answer.rcode === 'UPSTREAM') return { tried, answered: entry, rcode: answer.rcode };
    if (!walk.goesOn(answer.rcode)) break;
  }
  return { tried, rcode: walk.failure(tried) };
}

/** The cluster DNS answered the name itself: a name of its zone, or a reverse name it did not forward. */
function answeredByCluster(model: ClusterModel, entry: TriedName): boolean {
  const name = normalizeName(entry.name);
  // CoreDNS sets AA on what its plugins answer (an ExternalName's upstream target included), not on what forward brings back
  if (isInZone(name, zoneOf(model.settings))) return true;
  return (isReverseName(name) || model.settings.dnsProfile !== 'spec') && !entry.answer.upstream;
}

/** One line per other resolver model whose walk ends at another name or with another status. */
function otherResolverNotes(resolver: ResolverModel, name: string, searches: readonly string[], ndots: number, ask: (candidate: string) => ZoneAnswer, ending: WalkEnding): string[] {
  const last = (walk: WalkEnding): string => walk.tried[walk.tried.length - 1]?.name ?? name;
  const notes: string[] = [];
  for (const other of RESOLVER_MODELS) {
    if (other === resolver) continue;
    const theirs = walkWith(resolverWalk(other, name, searches, ndots), ask);
    if (theirs.rcode === ending.rcode && last(theirs) === last(ending)) continue;
    const how = theirs.answered ? `gets its answer at ${last(theirs)} (${theirs.rcode})` : `stops at ${last(theirs)} with ${theirs.rcode}${theirs.tried.length > 1 ? ` after ${theirs.tried.length} names` : ''}`;
    notes.push(`${resolverLabel(other)} ${how} (--resolver ${other})`);
  }
  return notes;
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
