import { canonicalIp, parseIp } from '../model/ip';
import { parseCorefile, type CorefileDirective, type CorefileProblem } from './parseCorefile';

/**
 * What the cluster DNS does, read from a Corefile: its server blocks (zones), and in each the
 * plugins that decide answers, in the order CoreDNS runs them (rewrite, hosts, kubernetes, forward;
 * plugin.cfg, not the order written). The DNS settings (`clusterDomain`, `pods`, …) build the same
 * object from kubeadm's Corefile (see kubeadmCorefile.ts).
 */
export interface DnsProfile {
  /** Where the Corefile comes from, as the transcript names it: a path, or the ConfigMap's file. */
  readonly source: string;
  /** The Corefile line `n` is at line `lineOffset + n` of `source` (a ConfigMap's block scalar). */
  readonly lineOffset: number;
  /** `settings`: built from the DNS settings; `file`: --corefile or `corefile:`; `configmap`: kube-system/coredns. */
  readonly origin: 'settings' | 'file' | 'configmap';
  readonly servers: readonly DnsServer[];
  /** Parts the simulation does not model: they are ignored, and the rule corefile-not-modelled lists them. */
  readonly unmodelled: readonly CorefileProblem[];
  /** Syntax errors; a profile with errors has no servers and is not used. */
  readonly errors: readonly CorefileProblem[];
}

/** One server block that Pods reach (port 53, plain DNS). */
export interface DnsServer {
  /** Normalized (lower case, no trailing dot); `.` is the root. */
  readonly zones: readonly string[];
  readonly line: number;
  readonly rewrites: readonly RewriteRule[];
  readonly hosts?: HostsPlugin;
  readonly kubernetes?: KubernetesPlugin;
  readonly forward?: ForwardPlugin;
  /** Plugins that answer questions but are not modelled: a question reaching one is not simulated. */
  readonly unmodelledAnswerers: readonly { readonly name: string; readonly line: number }[];
}

export interface KubernetesPlugin {
  readonly line: number;
  /** The zones it is authoritative for: the forward zone first, then reverse zones, as written. */
  readonly zones: readonly string[];
  readonly pods: 'disabled' | 'insecure' | 'verified';
  readonly endpointPodNames: boolean;
  readonly ttl: number;
  readonly ignoreEmptyService: boolean;
  /** Only these namespaces are served; undefined: all. */
  readonly namespaces?: readonly string[];
  /** NXDOMAIN answers for names under these zones go on to the next plugin; `[]` is every zone; undefined: none. */
  readonly fallthrough?: readonly string[];
  /** The line of each option set, by option name, for the transcript. */
  readonly optionLines: Readonly<Record<string, number>>;
}

export interface RewriteRule {
  readonly line: number;
  /** `regex` rules are not modelled: kube-lookup builds no regular expression from workspace text. */
  readonly match: 'exact' | 'prefix' | 'suffix' | 'substring';
  readonly from: string;
  readonly to: string;
  /** `stop` (the default) ends the rewriting at this rule when it matches; `continue` goes on. */
  readonly mode: 'stop' | 'continue';
  /** How answer names are written back: exact rules and `answer auto` revert the rewrite. */
  readonly answer: { readonly kind: 'revert' } | { readonly kind: 'none' };
}

export interface HostsPlugin {
  readonly line: number;
  /** Zones it answers for (default: the server block's). */
  readonly zones: readonly string[];
  /** Name (normalized) → addresses, from the inline entries. */
  readonly byName: ReadonlyMap<string, readonly string[]>;
  /** Canonical address → names, for PTR (unless no_reverse). */
  readonly byAddress: ReadonlyMap<string, readonly string[]>;
  readonly ttl: number;
  readonly fallthrough?: readonly string[];
  /** The hosts file it reads besides the inline entries, which the simulation cannot read. */
  readonly file?: string;
  /** The line of each inline entry, by name. */
  readonly entryLines: ReadonlyMap<string, number>;
}

export interface ForwardPlugin {
  readonly line: number;
  /** The base domain of the names it forwards (`.`: all). */
  readonly from: string;
  readonly to: readonly string[];
  readonly except: readonly string[];
}

/** Plugins that never change an answer's content (logging, metrics, health, caching, reloading, order). */
const NO_OP_PLUGINS = new Set(['cache', 'errors', 'health', 'ready', 'prometheus', 'loop', 'reload', 'loadbalance', 'log', 'debug', 'bind', 'bufsize', 'pprof', 'trace', 'metadata', 'timeouts', 'dnstap', 'cancel', 'nsid', 'root']);
/** Plugins that answer or change answers, which the simulation does not model. */
const KNOWN_UNMODELLED: Readonly<Record<string, string>> = {
  autopath: 'autopath answers a search-path walk on the server side',
  template: 'template synthesizes answers from its own rules',
  file: 'file serves a zone file the simulation does not read',
  auto: 'auto serves zone files the simulation does not read',
  secondary: 'secondary serves zones transferred from another server',
  etcd: 'etcd serves records from etcd',
  k8s_external: 'k8s_external serves LoadBalancer and external IPs under another zone',
  any: 'any changes how ANY questions are answered',
  whoami: 'whoami answers with the client\'s address',
  chaos: 'chaos answers CH class questions',
  dns64: 'dns64 synthesizes AAAA records',
  header: 'header changes flags of the response',
  minimal: 'minimal drops the authority and additional sections',
  local: 'local answers localhost names itself',
  acl: 'acl may refuse or drop questions by client address',
  grpc: 'grpc forwards to a gRPC server',
  route53: 'route53 serves zones from AWS', azure: 'azure serves zones from Azure', clouddns: 'clouddns serves zones from Google Cloud DNS',
  nomad: 'nomad serves records from Nomad', view: 'view picks server blocks by client', dnssec: 'dnssec signs answers', sign: 'sign signs zone files',
  erratic: 'erratic drops or delays answers on purpose', transfer: 'transfer serves zone transfers',
};

const KUBERNETES_NO_OP_OPTIONS = new Set(['endpoint', 'tls', 'kubeconfig', 'startup_timeout', 'upstream', 'resyncperiod']);

interface Collector {
  readonly unmodelled: CorefileProblem[];
}

/** Reads a Corefile's text into a profile; `source` names it in transcripts and findings. */
export function profileFromCorefile(text: string, source: string, origin: DnsProfile['origin'], lineOffset = 0): DnsProfile {
  const parsed = parseCorefile(text);
  const collector: Collector = { unmodelled: parsed.placeholders.map((entry) => ({ line: entry.line, message: entry.message })) };
  if (parsed.errors.length > 0) return { source, lineOffset, origin, servers: [], unmodelled: collector.unmodelled, errors: parsed.errors };
  if (parsed.blocks.length === 0) return { source, lineOffset, origin, servers: [], unmodelled: collector.unmodelled, errors: [{ line: 1, message: 'the Corefile holds no server block' }] };
  const servers: DnsServer[] = [];
  for (const block of parsed.blocks) {
    const zones: string[] = [];
    for (const key of block.keys) {
      const zone = serverKey(key);
      if ('skip' in zone) collector.unmodelled.push({ line: block.line, message: `server block ${key}: ${zone.skip}` });
      else zones.push(zone.zone);
    }
    if (zones.length === 0) continue;
    servers.push(serverOf(zones, block.line, block.directives, collector));
  }
  return { source, lineOffset, origin, servers, unmodelled: collector.unmodelled.sort((a, b) => a.line - b.line), errors: [] };
}

/** `[scheme://]zone[:port]` → the zone Pods reach, or why the block is not reached by them. */
function serverKey(key: string): { zone: string } | { skip: string } {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(key);
  if (scheme && scheme[1].toLowerCase() !== 'dns') return { skip: `${scheme[1]}:// is not the plain DNS Pods ask` };
  const rest = scheme ? key.slice(scheme[0].length) : key;
  const port = /:(\d+)$/.exec(rest);
  if (port && port[1] !== '53') return { skip: `port ${port[1]} is not port 53, where the cluster DNS Service sends Pods' questions` };
  const zone = port ? rest.slice(0, -port[0].length) : rest;
  const cidr = reverseZoneOfCidr(zone);
  if (cidr) return { zone: cidr };
  if (zone.includes('/')) return { skip: `${zone} is a network that does not end on an octet boundary` };
  return { zone: normalizeZone(zone === '' ? '.' : zone) };
}

/** `10.0.0.0/8` → `10.in-addr.arpa` (octet-aligned IPv4 networks only). */
function reverseZoneOfCidr(zone: string): string | undefined {
  const match = /^(\d+\.\d+\.\d+\.\d+)\/(8|16|24|32)$/.exec(zone);
  if (!match) return undefined;
  const octets = match[1].split('.').slice(0, Number(match[2]) / 8);
  return `${octets.reverse().join('.')}.in-addr.arpa`;
}

export function normalizeZone(zone: string): string {
  if (zone === '.' || zone === '') return '.';
  return zone.replace(/\.$/, '').toLowerCase();
}

/** True when `name` (normalized) is `zone` or below it; every name is below the root. */
export function inZone(name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith(`.${zone}`);
}

function serverOf(zones: readonly string[], line: number, directives: readonly CorefileDirective[], collector: Collector): DnsServer {
  const rewrites: RewriteRule[] = [];
  let hosts: HostsPlugin | undefined;
  let kubernetes: KubernetesPlugin | undefined;
  let forward: ForwardPlugin | undefined;
  const unmodelledAnswerers: { name: string; line: number }[] = [];
  const note = (at: number, message: string): void => void collector.unmodelled.push({ line: at, message });
  for (const directive of directives) {
    const { name } = directive;
    if (name === 'import') {
      note(directive.line, `import ${directive.args.join(' ')} names no snippet of this Corefile (files are not read)`);
      continue;
    }
    if (NO_OP_PLUGINS.has(name)) continue;
    if (name === 'rewrite') rewrites.push(...rewriteRules(directive, note));
    else if (name === 'hosts') {
      if (hosts) note(directive.line, 'a second hosts plugin in one server block: CoreDNS refuses to start');
      else hosts = hostsPlugin(directive, zones, note);
    } else if (name === 'kubernetes') {
      if (kubernetes) note(directive.line, 'a second kubernetes plugin in one server block: CoreDNS refuses to start');
      else kubernetes = kubernetesPlugin(directive, zones, note);
    } else if (name === 'forward') {
      if (forward) note(directive.line, 'a second forward plugin in one server block: CoreDNS refuses to start');
      else forward = forwardPlugin(directive, note);
    } else {
      const why = KNOWN_UNMODELLED[name];
      note(directive.line, why ? `plugin ${name} is not modelled (${why})` : `plugin ${name} is unknown to the simulation`);
      if (why) unmodelledAnswerers.push({ name, line: directive.line });
    }
  }
  return { zones, line, rewrites, hosts, kubernetes, forward, unmodelledAnswerers };
}

type Note = (line: number, message: string) => void;

function kubernetesPlugin(directive: CorefileDirective, serverZones: readonly string[], note: Note): KubernetesPlugin {
  const written = directive.args.map(normalizeZone);
  // its zones are those given that lie in the server block's zones; none given: the block's
  const zones = written.length ? written : [...serverZones];
  let pods: KubernetesPlugin['pods'] = 'disabled';
  let endpointPodNames = false;
  let ttl = 5;
  let ignoreEmptyService = false;
  let namespaces: string[] | undefined;
  let fallthrough: string[] | undefined;
  const optionLines: Record<string, number> = {};
  for (const option of directive.block) {
    optionLines[option.name] = option.line;
    switch (option.name) {
      case 'pods':
        if (option.args[0] === 'disabled' || option.args[0] === 'insecure' || option.args[0] === 'verified') pods = option.args[0];
        else note(option.line, `pods ${option.args.join(' ')}: the mode must be disabled, insecure or verified (CoreDNS refuses to start)`);
        break;
      case 'endpoint_pod_names':
        endpointPodNames = true;
        break;
      case 'ttl': {
        const value = Number(option.args[0]);
        if (Number.isInteger(value) && value >= 0 && value <= 3600) ttl = value;
        else note(option.line, `ttl ${option.args.join(' ')}: must be 0 to 3600 seconds (CoreDNS refuses to start)`);
        break;
      }
      case 'ignore':
        if (option.args[0] === 'empty_service') ignoreEmptyService = true;
        else note(option.line, `ignore ${option.args.join(' ')} is not modelled`);
        break;
      case 'namespaces':
        namespaces = option.args.map((name) => name.toLowerCase());
        break;
      case 'fallthrough':
        fallthrough = option.args.map(normalizeZone);
        break;
      default:
        if (!KUBERNETES_NO_OP_OPTIONS.has(option.name)) note(option.line, `kubernetes option ${option.name} is not modelled`);
    }
  }
  return { line: directive.line, zones, pods, endpointPodNames, ttl, ignoreEmptyService, namespaces, fallthrough, optionLines };
}

const MATCH_TYPES = new Set(['exact', 'prefix', 'suffix', 'substring']);

function rewriteRules(directive: CorefileDirective, note: Note): RewriteRule[] {
  let args = [...directive.args];
  let mode: RewriteRule['mode'] = 'stop';
  if (args[0] === 'stop' || args[0] === 'continue') {
    mode = args[0];
    args = args.slice(1);
  }
  // the block form: `rewrite stop { name regex A B; answer name C D }`
  if (args.length === 0 && directive.block.length > 0) {
    const [first, second] = directive.block;
    const joined = [first.name, ...first.args, ...(second ? [second.name, ...second.args] : [])];
    const rule = rewriteRule(joined, mode, first.line, note);
    if (directive.block.length > 2) note(directive.block[2].line, 'a rewrite block holds a name rule and an answer rule only');
    return rule ? [rule] : [];
  }
  const rule = rewriteRule(args, mode, directive.line, note);
  return rule ? [rule] : [];
}

function rewriteRule(args: readonly string[], mode: RewriteRule['mode'], line: number, note: Note): RewriteRule | undefined {
  if (args[0] !== 'name') {
    note(line, `rewrite ${args[0] ?? ''} is not modelled (only name rewrites are)`);
    return undefined;
  }
  let rest = args.slice(1);
  let match: RewriteRule['match'] = 'exact';
  if (rest[0] === 'regex' && rest.length >= 3) {
    // a pattern from the workspace would run in a backtracking engine (ReDoS); CoreDNS's RE2 would not
    note(line, `rewrite name regex ${rest[1]} is not modelled (kube-lookup builds no regular expression from workspace text)`);
    return undefined;
  }
  if (MATCH_TYPES.has(rest[0]) && rest.length >= 3) {
    match = rest[0] as RewriteRule['match'];
    rest = rest.slice(1);
  }
  const [from, to, ...options] = rest;
  if (from === undefined || to === undefined) {
    note(line, 'rewrite name needs FROM and TO');
    return undefined;
  }
  let answer: RewriteRule['answer'] = match === 'exact' ? { kind: 'revert' } : { kind: 'none' };
  if (options[0] === 'answer' && options[1] === 'auto') answer = { kind: 'revert' };
  else if (options.length > 0) note(line, `rewrite option ${options.join(' ')} is not modelled`);
  return { line, match, from: from.toLowerCase(), to: to.toLowerCase(), mode, answer };
}

function hostsPlugin(directive: CorefileDirective, serverZones: readonly string[], note: Note): HostsPlugin {
  const [file, ...zoneArgs] = directive.args;
  const zones = zoneArgs.length ? zoneArgs.map(normalizeZone) : [...serverZones];
  const byName = new Map<string, string[]>();
  const byAddress = new Map<string, string[]>();
  const entryLines = new Map<string, number>();
  let ttl = 3600;
  let fallthrough: string[] | undefined;
  let reverse = true;
  for (const option of directive.block) {
    const ip = parseIp(option.name);
    if (ip) {
      for (const host of option.args) {
        const name = normalizeZone(host);
        byName.set(name, [...(byName.get(name) ?? []), option.name]);
        if (!entryLines.has(name)) entryLines.set(name, option.line);
        const key = canonicalIp(option.name);
        byAddress.set(key, [...(byAddress.get(key) ?? []), host.replace(/\.$/, '')]);
      }
      continue;
    }
    if (option.name === 'ttl') ttl = Number(option.args[0]) || ttl;
    else if (option.name === 'fallthrough') fallthrough = option.args.map(normalizeZone);
    else if (option.name === 'no_reverse') reverse = false;
    else if (option.name !== 'reload') note(option.line, `hosts option ${option.name} is not modelled`);
  }
  // without a file, CoreDNS reads its own container's /etc/hosts (localhost only): the inline entries are what matters
  if (file !== undefined) note(directive.line, `hosts reads ${file}, which is not in the manifests: only the inline entries are modelled`);
  return { line: directive.line, zones, byName, byAddress: reverse ? byAddress : new Map(), ttl, fallthrough, file, entryLines };
}

function forwardPlugin(directive: CorefileDirective, note: Note): ForwardPlugin {
  const [from = '.', ...to] = directive.args;
  const except: string[] = [];
  for (const option of directive.block) {
    if (option.name === 'except') except.push(...option.args.map(normalizeZone));
  }
  if (to.length === 0) note(directive.line, 'forward needs at least one upstream (CoreDNS refuses to start)');
  return { line: directive.line, from: normalizeZone(from), to, except };
}

export type { CorefileProblem };
