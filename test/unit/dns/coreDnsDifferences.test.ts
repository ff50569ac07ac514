import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { answerQuestion, clusterRecords, exportedZones, type QueryType } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import type { AnalysisSettings } from '../../../server/src/core/settings';
import { dnsCluster } from '../../helpers/dnsCluster';
import { modelOf } from '../../helpers/modelFrom';
import { repoRoot } from '../../helpers/paths';

/**
 * The README's "Spec versus CoreDNS" table against the code: every question on which the coredns
 * profile and the spec profile answer differently (status or answers) must fall under a row of the
 * table, and every row must name a difference the code makes (a question where the profiles differ).
 */
const ZONE = 'cluster.local';
const ZONE_TYPES = new Set(['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS']);
const TYPES: QueryType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS', 'MX', 'ANY'];

interface Question { readonly name: string; readonly type: QueryType }

interface Row {
  /** The row's first cell, as the README writes it. */
  readonly behaviour: string;
  /** Which differing questions the row explains. */
  covers(question: Question, context: Context): boolean;
  /** Settings a row needs before the profiles differ (an option off by default). */
  readonly settings?: Partial<AnalysisSettings>;
  readonly probe?: Question;
  /** The cluster the probe asks, when the fixture cluster has nothing to show it. */
  readonly cluster?: Record<string, string>;
}

interface Context {
  readonly externalNames: ReadonlySet<string>;
  readonly clusterIpServices: ReadonlySet<string>;
  readonly ownedAddresses: ReadonlySet<string>;
}

const below = (name: string): string[] => name.replace(/\.$/, '').toLowerCase().split('.').slice(0, -ZONE.split('.').length);
const isReverse = (name: string): boolean => /\.(in-addr|ip6)\.arpa\.?$/i.test(name) || /^(in-addr|ip6)\.arpa\.?$/i.test(name);

const ROWS: Row[] = [
  { behaviour: 'SRV on the bare Service name', covers: (q) => q.type === 'SRV' && /^[^_][^.]*\.[^.]+\.svc$/.test(below(q.name).join('.')) },
  { behaviour: 'A at a `_<port>._<proto>` name', covers: (q) => (q.type === 'A' || q.type === 'AAAA') && /^_[^.]+\._[^.]+\./.test(q.name) },
  { behaviour: 'SRV at an endpoint name `<endpoint>.<svc>`, and at `ns.dns.<zone>`', covers: (q) => q.type === 'SRV' && (/^[^_][^.]*\.[^.]+\.[^.]+\.svc$/.test(below(q.name).join('.')) || below(q.name).join('.') === 'ns.dns') },
  { behaviour: '`<endpoint>.<svc>` below a ClusterIP Service, and PTR of its endpoints', covers: (q, c) => {
    const labels = below(q.name);
    return (labels.length === 4 && labels[3] === 'svc' && c.clusterIpServices.has(`${labels[1]}.${labels[2]}`)) || (q.type === 'PTR' && isReverse(q.name));
  } },
  { behaviour: 'endpoint without hostname', covers: () => false, settings: { endpointPodNames: true }, probe: { name: 'web-7.web.default.svc.cluster.local.', type: 'A' },
    cluster: { 'web.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {clusterIP: None, selector: {app: web}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-7, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx}]}\nstatus: {podIP: 10.244.9.7}\n' } },
  { behaviour: '`a-b-c-d.<ns>.pod.<zone>`', covers: (q) => below(q.name).includes('pod') },
  { behaviour: '`<ns>.svc.<zone>`', covers: (q) => /^[^.]+\.svc$/.test(below(q.name).join('.')) },
  { behaviour: 'ClusterIP Service without ready endpoints', covers: () => false, settings: { ignoreEmptyService: true }, probe: { name: 'empty.default.svc.cluster.local.', type: 'A' } },
  { behaviour: 'ExternalName whose in-zone target has no address', covers: (q, c) => (q.type === 'A' || q.type === 'AAAA') && c.externalNames.has(below(q.name).slice(0, 2).join('.')) },
  { behaviour: '`x.<externalname-svc>` and ExternalName SRV', covers: (q, c) => {
    const labels = below(q.name);
    return (labels.length > 3 && c.externalNames.has(labels.slice(-3, -1).join('.'))) || (q.type === 'SRV' && c.externalNames.has(labels.slice(0, 2).join('.')));
  } },
  { behaviour: 'TXT at a name without TXT', covers: (q) => q.type === 'TXT' },
  { behaviour: 'SOA', covers: (q) => q.type === 'SOA' },
  { behaviour: 'NS', covers: (q) => q.type === 'NS' },
  { behaviour: 'other types (`ANY`, MX, HINFO, …)', covers: (q) => !ZONE_TYPES.has(q.type) },
  { behaviour: 'PTR of an unknown address', covers: (q, c) => q.type === 'PTR' && isReverse(q.name) && !c.ownedAddresses.has(q.name.toLowerCase()) },
  { behaviour: 'names between records: `_<proto>.<svc>.<ns>.svc.<zone>`, `dns.<zone>`', covers: (q) => /^_[^.]+\.[^.]+\.[^.]+\.svc$/.test(below(q.name).join('.')) || below(q.name).join('.') === 'dns' },
  { behaviour: '`dns-version.<zone>` with another type than TXT', covers: (q) => below(q.name).join('.') === 'dns-version' && q.type !== 'TXT' },
  { behaviour: 'a CNAME (ExternalName) asked for another type than A, AAAA or CNAME', covers: (q, c) => !['A', 'AAAA', 'CNAME'].includes(q.type) && c.externalNames.has(below(q.name).slice(0, 2).join('.')) },
  { behaviour: 'other questions in `in-addr.arpa`/`ip6.arpa` (not PTR, nor SOA or NS at the apex)', covers: (q) => q.type !== 'PTR' && isReverse(q.name) && !(/^(in-addr|ip6)\.arpa\.?$/i.test(q.name) && (q.type === 'SOA' || q.type === 'NS')) },
];

/** The first cells of the table under "### Spec versus CoreDNS", in order. */
function readmeRows(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Spec versus CoreDNS'));
  const table = section.slice(section.indexOf('| behaviour |'));
  const rows = table.split('\n').slice(2);
  return rows.slice(0, rows.findIndex((line) => !line.startsWith('|'))).map((line) => line.split(' | ')[0].replace(/^\| /, ''));
}

function questions(model: ClusterModel): Question[] {
  const names = new Set<string>();
  for (const zone of exportedZones(model)) {
    names.add(`${zone.origin}.`);
    for (const entry of zone.records) {
      const name = entry.name.toLowerCase();
      names.add(name);
      const labels = name.split('.');
      for (let index = 1; index < labels.length - 2; index++) names.add(labels.slice(index).join('.'));
    }
  }
  for (const missing of ['nothere.cluster.local.', 'dns.cluster.local.', 'nonexistent-ns.svc.cluster.local.', '10-244-0-20.default.pod.cluster.local.', '4.3.2.1.in-addr.arpa.', `x.kubia.default.svc.${ZONE}.`, `x.github.default.svc.${ZONE}.`]) names.add(missing);
  return [...names].sort().flatMap((name) => TYPES.map((type) => ({ name, type })));
}

function summary(model: ClusterModel, question: Question): string {
  const answer = answerQuestion(model, question.name, question.type);
  return [answer.rcode, ...answer.answers.map((entry) => `${entry.name.toLowerCase()} ${entry.type} ${entry.data.toLowerCase()}`).sort()].join(' | ');
}

function contextOf(model: ClusterModel): Context {
  const services = model.services();
  return {
    externalNames: new Set(services.filter((service) => service.type === 'ExternalName').map((service) => `${service.name}.${service.namespace}`)),
    clusterIpServices: new Set(services.filter((service) => service.type !== 'ExternalName' && !service.headless).map((service) => `${service.name}.${service.namespace}`)),
    ownedAddresses: new Set(clusterRecords(model).filter((entry) => entry.type === 'PTR').map((entry) => entry.name.toLowerCase())),
  };
}

describe('README: the CoreDNS-versus-spec table is the code\'s', () => {
  const coredns = dnsCluster('endpointslices');
  const spec = dnsCluster('endpointslices', { dnsProfile: 'spec' });
  const context = contextOf(coredns);
  const differing = questions(coredns).filter((question) => summary(coredns, question) !== summary(spec, question));

  it('lists exactly the rows this test checks, in order', () => {
    assert.deepEqual(readmeRows(), ROWS.map((row) => row.behaviour));
  });

  it('every question the profiles answer differently falls under a row', () => {
    assert.ok(differing.length > 50, `only ${differing.length} differing questions`);
    const unexplained = differing.filter((question) => !ROWS.some((row) => row.covers(question, context)))
      .map((question) => `${question.name} ${question.type}: coredns ${summary(coredns, question)}; spec ${summary(spec, question)}`);
    assert.deepEqual(unexplained, []);
  });

  for (const row of ROWS) {
    it(`"${row.behaviour}" is a difference the code makes`, () => {
      if (row.probe) {
        const withOption = row.cluster ? modelOf(row.cluster, row.settings) : dnsCluster('endpointslices', row.settings);
        const specWithOption = row.cluster ? modelOf(row.cluster, { ...row.settings, dnsProfile: 'spec' }) : dnsCluster('endpointslices', { ...row.settings, dnsProfile: 'spec' });
        assert.notEqual(summary(withOption, row.probe), summary(specWithOption, row.probe));
        return;
      }
      assert.ok(differing.some((question) => row.covers(question, context)), 'no question the profiles answer differently falls under this row');
    });
  }
});

