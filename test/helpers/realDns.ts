import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Debian packages the real-DNS tests need (`.ci/run` installs them when missing). */
export const REAL_DNS_PACKAGES = 'bind9 bind9-utils bind9-dnsutils iproute2 musl-tools';

/** Debian keeps named and named-checkzone in /usr/sbin, which a non-login PATH may lack. */
const ENV = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };

/** One zone to serve: its origin (no trailing dot) and its master file. */
export interface ServedZone {
  readonly origin: string;
  readonly text: string;
}

/** A question and what the real server answered: status, and the answer section one record a line. */
export interface RealAnswer {
  readonly name: string;
  readonly type: string;
  readonly status: string;
  /** `owner ttl TYPE data`, whitespace collapsed, lower case. */
  readonly answers: readonly string[];
}

/**
 * Why the real-DNS tests cannot run here, or undefined when they can: Linux, root (a network
 * namespace needs it), `unshare -n` allowed, and BIND's named, named-checkzone and dig installed.
 */
export function realDnsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform}): named runs in a Linux network namespace`;
  if (process.getuid?.() !== 0) return 'not root: unshare -n (a private network namespace for named) needs root';
  for (const tool of ['unshare', 'ip', 'timeout', 'named', 'named-checkzone', 'dig']) {
    if (!which(tool)) return `${tool} is not installed (Debian: apt-get install ${REAL_DNS_PACKAGES}; .ci/run does it)`;
  }
  const probe = spawnSync('unshare', ['-n', 'true'], { timeout: 5000, env: ENV });
  if (probe.status !== 0) return `unshare -n is not allowed here (${String(probe.stderr ?? '').trim() || `exit ${probe.status}`})`;
  return undefined;
}

/**
 * Why the system's own stub resolvers cannot be pointed at named here, or undefined: a private
 * mount namespace (to bind-mount a resolv.conf) must be allowed, and NSS must ask DNS for hosts.
 */
export function stubResolversUnavailable(): string | undefined {
  const probe = spawnSync('unshare', ['-n', '-m', 'sh', '-c', 'mount --bind /etc/resolv.conf /etc/resolv.conf'], { encoding: 'utf8', timeout: 5000, env: ENV });
  if (probe.status !== 0) return `unshare -m with a bind mount is not allowed here (${String(probe.stderr ?? '').trim() || `exit ${probe.status}`})`;
  const nss = fs.existsSync('/etc/nsswitch.conf') ? fs.readFileSync('/etc/nsswitch.conf', 'utf8') : '';
  if (!/^hosts:.*\bdns\b/m.test(nss)) return '/etc/nsswitch.conf does not list dns for hosts: getaddrinfo would not ask named';
  for (const tool of ['getent', 'nslookup']) if (spawnSync('sh', ['-c', `command -v ${tool}`], { env: ENV }).status !== 0) return `${tool} is not installed (Debian: libc-bin, bind9-dnsutils)`;
  return undefined;
}

/** named-checkzone's verdict on one zone: its output, and whether it loaded cleanly. */
export function checkZone(dir: string, zone: ServedZone): { clean: boolean; output: string } {
  const file = path.join(dir, `check-${zone.origin}.zone`);
  fs.writeFileSync(file, zone.text);
  // -i local: integrity checks on in-zone names only, so out-of-zone names are never looked up
  const result = spawnSync('named-checkzone', ['-i', 'local', zone.origin, file], { encoding: 'utf8', timeout: 20000, env: ENV });
  const output = `${result.stdout}${result.stderr}`.trim();
  return { clean: result.status === 0 && output === `zone ${zone.origin}/IN: loaded serial 1\nOK`, output };
}

/**
 * Serves the zones with BIND's named inside a new network namespace (only its loopback, brought up
 * there; nothing leaves it), asks every question with one `dig -f` batch, stops named and returns
 * the answers in question order.
 */
export function askBind(dir: string, zones: readonly ServedZone[], questions: readonly { name: string; type: string }[], seconds = 60): RealAnswer[] {
  fs.writeFileSync(path.join(dir, 'questions.txt'), questions.map((question) => `${question.name} ${question.type}`).join('\n') + '\n');
  const { stdout } = withBind(dir, zones, 'dig -p 5300 @127.0.0.1 +norec +noall +comments +question +answer +nocookie +noedns +time=2 +tries=1 -f "$1/questions.txt"', { seconds });
  return parseDigBatch(stdout);
}

/**
 * Runs the shell `body` (`$1` is `dir`) next to named serving `zones`, in a new network namespace
 * (only its loopback; nothing leaves it). named listens on 127.0.0.1 port 5300, or port 53 with
 * `resolvConf`, which is then bind-mounted on /etc/resolv.conf in a private mount namespace, so the
 * system's stub resolvers (getent, nslookup) ask named. named logs every query it gets (the
 * returned `log`) and lives at most `seconds` (coreutils timeout), whatever happens.
 */
export function withBind(dir: string, zones: readonly ServedZone[], body: string, options: { seconds?: number; resolvConf?: string } = {}): { stdout: string; log: string } {
  const seconds = options.seconds ?? 60;
  const port = options.resolvConf === undefined ? 5300 : 53;
  const conf = [
    // nslookup wants recursion available; every name is in a served zone (the stub test serves the root), so nothing is looked up elsewhere;
    // no automatic empty zones (10.in-addr.arpa and the like), which would hide the exported reverse zone
    `options { directory "${dir}"; listen-on port ${port} { 127.0.0.1; }; listen-on-v6 { none; }; ${port === 53 ? 'recursion yes; allow-recursion { 127.0.0.1; }; empty-zones-enable no;' : 'recursion no;'} querylog yes;`,
    `  pid-file "${dir}/named.pid"; session-keyfile "${dir}/session.key"; dnssec-validation no; notify no; };`,
    'controls { };',
    ...zones.map((zone) => {
      const file = path.join(dir, `${zone.origin === '.' ? 'root' : zone.origin}.zone`);
      fs.writeFileSync(file, zone.text);
      return `zone "${zone.origin}" { type primary; file "${file}"; };`;
    }),
  ];
  fs.writeFileSync(path.join(dir, 'named.conf'), `${conf.join('\n')}\n`);
  const mountResolvConf = options.resolvConf === undefined ? [] : [`mount --bind "$1/resolv.conf" /etc/resolv.conf`];
  if (options.resolvConf !== undefined) fs.writeFileSync(path.join(dir, 'resolv.conf'), options.resolvConf);
  const script = [
    'set -u',
    'ip link set lo up',
    // getaddrinfo's AI_ADDRCONFIG wants an address other than 127.0.0.1 before it asks for A records
    ...(options.resolvConf === undefined ? [] : ['ip addr add 192.0.2.1/32 dev lo', ...mountResolvConf]),
    `timeout --kill-after=2 ${seconds} named -g -c "$1/named.conf" > "$1/named.log" 2>&1 &`,
    'server=$!',
    'trap \'kill $server 2>/dev/null; wait $server 2>/dev/null\' EXIT',
    'for _ in $(seq 100); do grep -q "running$" "$1/named.log" && break; sleep 0.1; done',
    'grep -q "running$" "$1/named.log" || { echo "named did not start:" >&2; cat "$1/named.log" >&2; exit 3; }',
    body,
  ].join('\n');
  const namespaces = options.resolvConf === undefined ? ['-n'] : ['-n', '-m'];
  const result = spawnSync('unshare', [...namespaces, 'sh', '-c', script, 'sh', dir], { encoding: 'utf8', timeout: (seconds + 10) * 1000, maxBuffer: 64 * 1024 * 1024, env: ENV });
  if (result.status !== 0) throw new Error(`named in the namespace failed (exit ${result.status}${result.signal ? `, ${result.signal}` : ''}): ${result.stderr}`);
  return { stdout: result.stdout, log: fs.readFileSync(path.join(dir, 'named.log'), 'utf8') };
}

/** The questions named's query log shows, in order: `name TYPE`, names lower case without the trailing dot. */
export function queriesIn(log: string): string[] {
  return [...log.matchAll(/ query: (\S+) IN (\S+) /g)].map((match) => `${match[1].toLowerCase().replace(/\.$/, '')} ${match[2]}`);
}

/** dig's batch output, one `;; Got answer:` block per question. */
export function parseDigBatch(text: string): RealAnswer[] {
  return text.split(/^;; Got answer:$/m).slice(1).map((block) => {
    const status = /status: ([A-Z]+)/.exec(block)?.[1] ?? 'NONE';
    const question = /^;;? QUESTION SECTION:\n;(\S+)\s+IN\s+(\S+)$/m.exec(block);
    const start = block.indexOf(';; ANSWER SECTION:\n');
    const answerSection = start < 0 ? '' : block.slice(start).split('\n\n')[0];
    const answers = answerSection.split('\n').filter((line) => line.trim() && !line.startsWith(';')).map((line) => {
      const [owner, ttl, , type, ...data] = line.trim().split(/\s+/);
      return `${owner} ${ttl} ${type} ${data.join(' ')}`.toLowerCase();
    });
    return { name: question?.[1] ?? '?', type: question?.[2] ?? '?', status, answers };
  });
}

function which(tool: string): boolean {
  return (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']).some((folder) => {
    try {
      fs.accessSync(path.join(folder, tool), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
