import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliInProcess as cli } from '../helpers/cliInProcess';
import { checkZone, realDnsUnavailable, stubResolversUnavailable, withBind, type ServedZone } from '../helpers/realDns';

/**
 * `kube-lookup nslookup NAME --type T --format dig` against a real `dig +search NAME T`: named serves
 * the spec export of examples/seeds (and an empty root zone) and is the nameserver of a default-
 * namespace Pod's resolv.conf; every line dig prints must be what the simulation prints, section by
 * section and column by column, but for the lines neither can share: dig's version, the id, cookie,
 * query time, server, date and message size. Records within a section are compared as a set (BIND
 * may rotate them).
 */
const PATHS = ['examples/seeds'];
const ROOT_ZONE: ServedZone = { origin: '.', text: '$TTL 30\n@ 30 IN SOA localhost. hostmaster.localhost. 1 7200 1800 86400 30\n@ 30 IN NS localhost.\nlocalhost. 30 IN A 127.0.0.1\n' };
const RESOLV_CONF = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 127.0.0.1\noptions ndots:5\n';
const IGNORED = [/^; <<>> /, /^; COOKIE: /, /^;; Query time: /, /^;; SERVER: /, /^;; WHEN: /, /^;; MSG SIZE /, /^;; kube-lookup: /];

const unavailable = realDnsUnavailable() ?? stubResolversUnavailable();

describe('real dig +search: --format dig prints what dig prints', () => {
  it('examples/seeds, spec profile', { timeout: 240_000 }, (t) => {
    if (unavailable) {
      console.warn(`\n!!! real-dig test SKIPPED: ${unavailable} — --format dig is NOT compared with a real dig here\n`);
      t.skip(`named or dig not runnable: ${unavailable}`);
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-dig-'));
    try {
      const report = JSON.parse(cli(['records', '--format', 'json', '--dns-profile', 'spec', ...PATHS])) as { zone: string; zones: string[]; records: { name: string; type: string }[] };
      const zones = [ROOT_ZONE, ...report.zones.map((origin) => ({ origin, text: cli(['records', '--format', 'zone', '--zone', origin, '--dns-profile', 'spec', ...PATHS]) }))];
      for (const zone of zones) assert.ok(checkZone(dir, zone).clean, `named-checkzone ${zone.origin}`);
      const questions = questionsFor(report.zone, report.records);
      // the empty root zone answers NXDOMAIN outside the cluster: tell the simulator
      const config = path.join(dir, 'kube-lookup.yaml');
      const outside = [...new Set(questions.map((question) => question.name.replace(/\.$/, '').toLowerCase()).filter((name) => !inServedZones(`${name}.`, report.zones)))];
      fs.writeFileSync(config, `upstreamHosts:\n${outside.map((name) => `  ${JSON.stringify(name)}: []`).join('\n')}\n`);
      const simulated = questions.map((question) => cli(['nslookup', question.name, '--type', question.type, '--format', 'dig', '--dns-profile', 'spec', '--namespace', 'default', '--config', config, ...PATHS], true));
      // only what the served zones answer: a name that ends outside them gets the root zone's SOA, which is no cluster's
      const compared = questions.map((question, index) => ({ question, simulated: simulated[index] })).filter((entry) => inServedZones(finalName(entry.simulated), report.zones));
      const script = compared.map(({ question }, index) => `echo "=== ${index}"; dig +search ${question.name} ${question.type}`).join('\n');
      const { stdout } = withBind(dir, zones, script, { resolvConf: RESOLV_CONF, seconds: 120 });
      const real = stdout.split(/^=== \d+\n/m).slice(1);
      assert.equal(real.length, compared.length, 'dig answered every question');
      const differences: string[] = [];
      compared.forEach(({ question, simulated: text }, index) => {
        const expected = comparable(real[index]);
        const got = comparable(text);
        if (expected !== got) differences.push(`dig +search ${question.name} ${question.type}:\n--- dig\n${expected}\n--- kube-lookup\n${got}`);
      });
      t.diagnostic(`${compared.length} dig +search runs compared line by line (${questions.length - compared.length} left out: they end outside the served zones): ${differences.length} differences`);
      assert.ok(compared.length >= 40, `only ${compared.length} questions compared`);
      assert.deepEqual(differences, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Every exported name with its type, and short names, NODATA and NXDOMAIN questions, as a user types them. */
function questionsFor(zone: string, records: readonly { name: string; type: string }[]): { name: string; type: string }[] {
  const questions = new Map<string, { name: string; type: string }>();
  const add = (name: string, type: string): void => void questions.set(`${name} ${type}`, { name, type });
  for (const entry of records) {
    add(entry.name, entry.type);
    if (entry.type === 'A') add(entry.name, 'AAAA');
    const short = entry.name.endsWith(`.default.svc.${zone}.`) ? entry.name.slice(0, -`.default.svc.${zone}.`.length) : undefined;
    if (short) add(short, entry.type);
  }
  add(`${zone}.`, 'SOA');
  add(`${zone}.`, 'NS');
  add(`nothere.default.svc.${zone}.`, 'A');
  add(`nothere.default.svc.${zone}.`, 'SRV');
  add('kubia.default', 'A');
  add('4.3.2.1.in-addr.arpa.', 'PTR');
  return [...questions.values()];
}

function finalName(text: string): string {
  return /^;(\S+)\s+IN\s+\S+$/m.exec(text)?.[1]?.toLowerCase() ?? '';
}

function inServedZones(name: string, zones: readonly string[]): boolean {
  return zones.some((zone) => name === `${zone}.` || name.endsWith(`.${zone}.`));
}

/** dig's text without the lines that cannot agree, ids masked, each section's records sorted. */
function comparable(text: string): string {
  const kept = text.split('\n').filter((line) => !IGNORED.some((pattern) => pattern.test(line))).map((line) => line.replace(/, id: \d+$/, ', id: ID'));
  const sections: string[][] = [[]];
  for (const line of kept) {
    if (line === '') sections.push([]);
    else sections[sections.length - 1].push(line);
  }
  return sections.filter((section) => section.length > 0).map((section) => {
    const [head, ...rest] = section;
    return head.startsWith(';; ') && head.endsWith('SECTION:') && !head.includes('QUESTION') ? [head, ...rest.sort()].join('\n') : section.join('\n');
  }).join('\n\n');
}
