import { inZone, type DnsProfile, type DnsServer, type KubernetesPlugin, type RewriteRule } from '../corefile/dnsProfile';
import type { ClusterModel } from '../model/clusterModel';
import { canonicalIp, parseIp } from '../model/ip';
import { coreDnsAnswer, type Kube } from './coreDnsAnswer';
import { absolute, ipFromReverseName, normalizeName } from './dnsName';
import type { DnsRecord, QueryType } from './dnsRecord';
import { upstreamAnswer } from './upstream';
import { zoneAnswer, type ZoneAnswer } from './zoneAnswer';

/** How deep CoreDNS's own lookups of CNAME targets may go through the server again. */
const MAX_INTERNAL_LOOKUPS = 8;

/**
 * One question to the cluster DNS as the Corefile's server decides it: the server block whose zone
 * is the longest match, then its plugins in CoreDNS's order — rewrite, hosts, kubernetes (with
 * `fallthrough`), forward — and, when none answers, SERVFAIL. Every step cites the Corefile line
 * that decided it (none when the profile was built from the settings).
 */
export function corefileAnswer(model: ClusterModel, profile: DnsProfile, qname: string, qtype: QueryType, depth = 0): ZoneAnswer {
  const name = normalizeName(qname);
  const at = (line: number): string => (profile.origin === 'settings' ? '' : ` (${profile.source}:${profile.lineOffset + line})`);
  const server = serverFor(profile, name);
  if (!server) {
    return zoneAnswer('REFUSED', [`no server block of ${profile.source} serves ${name} (zones: ${profile.servers.flatMap((entry) => entry.zones).join(', ') || 'none'}): CoreDNS answers REFUSED`]);
  }
  const why: string[] = [];
  // the catch-all block goes without saying; a stub domain's block is named
  if (profile.origin !== 'settings' && !server.zones.includes('.')) why.push(`server block ${server.zones.join(' ')}${at(server.line)} takes the question`);
  // rewrite runs before the plugins that answer
  let asked = name;
  // the name as asked, case kept, until a rewrite replaces it
  let written = qname;
  const applied: { rule: RewriteRule; before: string; after: string }[] = [];
  for (const rule of server.rewrites) {
    const after = rewriteName(rule, asked);
    if (after === undefined) continue;
    why.push(`rewrite name ${rule.match} ${rule.from} ${rule.to}${at(rule.line)} turns ${asked} into ${after}`);
    applied.push({ rule, before: asked, after });
    asked = after;
    written = after;
    if (rule.mode === 'stop') break;
  }
  const answer = answerInServer(model, profile, server, written, qtype, depth, at);
  const result = zoneAnswer(answer.rcode, [...why, ...answer.why], answer.answers, { additional: answer.additional, upstream: answer.upstream });
  return applied.length ? revertAnswerNames(result, applied, qname, at) : result;
}

function serverFor(profile: DnsProfile, name: string): DnsServer | undefined {
  let best: { server: DnsServer; length: number } | undefined;
  for (const server of profile.servers) {
    for (const zone of server.zones) {
      if (!inZone(name, zone)) continue;
      const length = zone === '.' ? 0 : zone.length + 1;
      if (!best || length > best.length) best = { server, length };
    }
  }
  return best?.server;
}

function answerInServer(model: ClusterModel, profile: DnsProfile, server: DnsServer, qname: string, qtype: QueryType, depth: number, at: (line: number) => string): ZoneAnswer {
  const name = normalizeName(qname);
  const why: string[] = [];
  const { hosts, kubernetes, forward } = server;
  if (hosts && (hosts.zones.some((zone) => inZone(name, zone)) || qtype === 'PTR')) {
    const records: DnsRecord[] = [];
    let passes = false;
    if (qtype === 'PTR') {
      const address = ipFromReverseName(name);
      const names = address ? hosts.byAddress.get(canonicalIp(address.ip)) ?? [] : [];
      for (const host of names) records.push({ name: absolute(qname), type: 'PTR', ttl: hosts.ttl, data: absolute(host), simulated: false });
      // hosts passes a PTR it has no entry for on, fallthrough or not (hosts.go)
      passes = names.length === 0;
    } else if (qtype === 'A' || qtype === 'AAAA') {
      for (const ip of hosts.byName.get(name) ?? []) {
        const family = parseIp(ip)?.family;
        if ((family === 'IPv4' && qtype === 'A') || (family === 'IPv6' && qtype === 'AAAA')) records.push({ name: absolute(qname), type: qtype, ttl: hosts.ttl, data: ip, simulated: false });
      }
    }
    const entryLine = hosts.entryLines.get(name);
    if (records.length > 0) return zoneAnswer('NOERROR', [...why, `the hosts plugin${at(entryLine ?? hosts.line)} has ${name}${qtype === 'PTR' ? `: ${records.map((entry) => entry.data).join(', ')}` : ''}`], records);
    if (!passes && hosts.byName.has(name)) return zoneAnswer('NODATA', [...why, `the hosts plugin${at(entryLine ?? hosts.line)} has ${name}, but no ${qtype} record for it: NOERROR without answers`]);
    if (!passes) {
      if (!covers(hosts.fallthrough, name)) return zoneAnswer('SERVFAIL', [...why, `the hosts plugin${at(hosts.line)} has no entry for ${name} and no \`fallthrough\` for it: CoreDNS answers SERVFAIL`]);
      why.push(`the hosts plugin${at(hosts.line)} has no entry for ${name}; \`fallthrough\` passes it on`);
    }
  }
  if (kubernetes && kubernetes.zones.some((zone) => inZone(name, zone))) {
    const kube = kubeOf(model, profile, kubernetes, name, depth, at);
    const answer = coreDnsAnswer(model, qname, qtype, kube);
    const by = profile.origin === 'settings' ? [] : [`the kubernetes plugin${at(kubernetes.line)} serves ${kubernetes.zones.find((zone) => inZone(name, zone))}:`];
    if (answer.rcode !== 'NXDOMAIN' || !covers(kubernetes.fallthrough, name)) {
      return zoneAnswer(answer.rcode, [...why, ...by, ...answer.why], answer.answers, { additional: answer.additional, upstream: answer.upstream });
    }
    why.push(...by);
    why.push(...answer.why);
    why.push(profile.origin === 'settings'
      ? 'kubeadm\'s Corefile has `fallthrough in-addr.arpa ip6.arpa`: reverse names the cluster does not know go upstream'
      : `\`fallthrough${kubernetes.fallthrough!.length ? ` ${kubernetes.fallthrough!.join(' ')}` : ''}\`${at(kubernetes.optionLines.fallthrough ?? kubernetes.line)} passes the NXDOMAIN for ${name} on to the next plugin`);
  }
  if (forward && inZone(name, forward.from) && !forward.except.some((zone) => inZone(name, zone))) {
    const toNode = forward.to.every((target) => target.startsWith('/'));
    if (toNode || forward.to.length === 0) {
      const reason = profile.origin === 'settings'
        ? (why.length ? `${name} goes to the upstream resolver` : `${name} is outside the cluster zone ${normalizeName(model.settings.clusterDomain)}: the cluster DNS forwards it to the upstream resolver`)
        : `forward ${forward.from} ${forward.to.join(' ')}${at(forward.line)} sends ${name} to the node's resolvers`;
      const answer = upstreamAnswer(model.settings, qname, qtype, reason);
      return zoneAnswer(answer.rcode, [...why, ...answer.why], answer.answers, { additional: answer.additional, upstream: true });
    }
    const reason = `forward ${forward.from} ${forward.to.join(' ')}${at(forward.line)} sends ${name} to ${forward.to.join(', ')}`;
    if (Object.keys(model.settings.upstreamHosts).some((host) => normalizeName(host) === name)) {
      const answer = upstreamAnswer(model.settings, qname, qtype, reason);
      return zoneAnswer(answer.rcode, [...why, ...answer.why], answer.answers, { upstream: true });
    }
    return zoneAnswer('UPSTREAM', [...why, reason, `the answer of ${forward.to.join(', ')} is not simulated (give one in upstreamHosts)`], [], { upstream: true });
  }
  const others = server.unmodelledAnswerers.map((plugin) => `${plugin.name}${at(plugin.line)}`);
  return zoneAnswer('SERVFAIL', [...why, `no plugin of server block ${server.zones.join(' ')}${at(server.line)} answers ${name}: CoreDNS answers SERVFAIL${others.length ? ` (unless ${others.join(', ')}, not modelled, answers it)` : ''}`]);
}

/** `fallthrough` with no zones covers every name; with zones, the names under them; undefined: none. */
function covers(fallthrough: readonly string[] | undefined, name: string): boolean {
  if (!fallthrough) return false;
  return fallthrough.length === 0 || fallthrough.some((zone) => inZone(name, zone));
}

function kubeOf(model: ClusterModel, profile: DnsProfile, plugin: KubernetesPlugin, name: string, depth: number, at: (line: number) => string): Kube {
  const forwardZones = plugin.zones.filter((zone) => zone !== '.' && !zone.endsWith('.arpa'));
  const zone = forwardZones.find((candidate) => inZone(name, candidate)) ?? forwardZones[0] ?? normalizeName(model.settings.clusterDomain);
  const settings = { ...model.settings, clusterDomain: zone, pods: plugin.pods, endpointPodNames: plugin.endpointPodNames, ignoreEmptyService: plugin.ignoreEmptyService, dnsTtl: plugin.ttl };
  return {
    model, settings, zones: plugin.zones, namespaces: plugin.namespaces,
    external: (target, qtype, reason) => {
      if (depth + 1 >= MAX_INTERNAL_LOOKUPS) return zoneAnswer('SERVFAIL', [reason, 'CoreDNS\'s lookups of CNAME targets loop here: SERVFAIL']);
      const answer = corefileAnswer(model, profile, target, qtype, depth + 1);
      return zoneAnswer(answer.rcode, [reason, ...answer.why], answer.answers, { additional: answer.additional, upstream: answer.upstream || answer.rcode === 'UPSTREAM' });
    },
    cite: (option) => at(option === 'kubernetes' ? plugin.line : plugin.optionLines[option] ?? plugin.line),
  };
}

/** The name after one rewrite rule, or undefined when it does not match. Names are matched with their trailing dot, as CoreDNS sees them. */
export function rewriteName(rule: RewriteRule, name: string): string | undefined {
  const fqdn = `${name}.`;
  const dotted = (value: string): string => (value.endsWith('.') ? value : `${value}.`);
  let result: string | undefined;
  switch (rule.match) {
    case 'exact':
      result = fqdn === dotted(rule.from) ? dotted(rule.to) : undefined;
      break;
    case 'prefix':
      result = fqdn.startsWith(rule.from) ? rule.to + fqdn.slice(rule.from.length) : undefined;
      break;
    case 'suffix':
      result = fqdn.endsWith(dotted(rule.from)) ? fqdn.slice(0, fqdn.length - dotted(rule.from).length) + dotted(rule.to) : undefined;
      break;
    case 'substring':
      result = fqdn.includes(rule.from) ? fqdn.split(rule.from).join(rule.to) : undefined;
      break;
  }
  return result === undefined ? undefined : normalizeName(result);
}

/** Answer names written back as the rewrite rules say: exact rules and `answer auto` revert the rewrite. */
function revertAnswerNames(answer: ZoneAnswer, applied: readonly { rule: RewriteRule; before: string; after: string }[], qname: string, at: (line: number) => string): ZoneAnswer {
  let records = answer.answers;
  const why = [...answer.why];
  for (const { rule, before, after } of [...applied].reverse()) {
    if (rule.answer.kind === 'none') {
      if (records.some((entry) => normalizeName(entry.name) === after)) why.push(`the rewrite${at(rule.line)} has no \`answer auto\` or \`answer name\`: the answer keeps the name ${after}, not the ${before} asked, and stub resolvers that check answer names (glibc does) ignore it`);
      continue;
    }
    const { answer: how } = rule;
    let renamedAny = false;
    records = records.map((entry) => {
      const owner = normalizeName(entry.name);
      const renamed = how.kind === 'revert' && owner === after ? before : undefined;
      if (renamed === undefined) return entry;
      renamedAny = true;
      const back = normalizeName(renamed) === normalizeName(qname) ? absolute(qname) : absolute(normalizeName(renamed));
      return { ...entry, name: back };
    });
    if (renamedAny) why.push(`the answer names ${after} are written back to ${before}${at(rule.line)}`);
  }
  return zoneAnswer(answer.rcode, why, records, { additional: answer.additional, upstream: answer.upstream });
}
