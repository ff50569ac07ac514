import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion, clusterRecords, type QueryType } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { dnsCluster, ENDPOINT_FORMS } from '../../helpers/dnsCluster';

function ask(model: ClusterModel, name: string, type: QueryType = 'A'): string[] {
  const answer = answerQuestion(model, name, type);
  return [answer.rcode, ...answer.answers.map((entry) => `${entry.name} ${entry.type} ${entry.data}`)];
}

for (const form of ENDPOINT_FORMS) {
  describe(`dnsProfile spec: only kubernetes/dns 1.1.0 (${form})`, () => {
    const spec = dnsCluster(form, { dnsProfile: 'spec', upstreamHosts: { 'github.github.io': ['185.199.108.153'] } });
    const coredns = dnsCluster(form, { upstreamHosts: { 'github.github.io': ['185.199.108.153'] } });

    it('§2.3 SRV lives only at _<port>._<proto> names: SRV on the bare name is NODATA (CoreDNS: every port)', () => {
      assert.deepEqual(ask(spec, 'kubia.default.svc.cluster.local.', 'SRV'), ['NODATA']);
      assert.equal(answerQuestion(coredns, 'kubia.default.svc.cluster.local.', 'SRV').answers.length, 2);
      assert.deepEqual(ask(spec, '_http._tcp.kubia.default.svc.cluster.local.', 'SRV'), ['NOERROR', '_http._tcp.kubia.default.svc.cluster.local. SRV 0 100 80 kubia.default.svc.cluster.local.']);
    });

    it('§2.3 no A at _<port>._<proto> names (CoreDNS answers the cluster IP there)', () => {
      assert.deepEqual(ask(spec, '_http._tcp.kubia.default.svc.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(coredns, '_http._tcp.kubia.default.svc.cluster.local.'), ['NOERROR', '_http._tcp.kubia.default.svc.cluster.local. A 10.96.0.50']);
    });

    it('§2.3 no endpoint names below a ClusterIP Service (a CoreDNS extension)', () => {
      assert.deepEqual(ask(spec, '10-244-1-5.kubia.default.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(spec, '5.1.244.10.in-addr.arpa.', 'PTR'), ['NXDOMAIN']);
    });

    it('§2.4 headless: ready endpoints, hostnames, SRV and PTR as published; none ready is NXDOMAIN', () => {
      assert.deepEqual(ask(spec, 'db-0.headless.default.svc.cluster.local.'), ['NOERROR', 'db-0.headless.default.svc.cluster.local. A 10.244.2.10']);
      assert.deepEqual(ask(spec, 'lonely.default.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(spec, '11.2.244.10.in-addr.arpa.', 'PTR'), ['NOERROR', '11.2.244.10.in-addr.arpa. PTR db-1.headless.default.svc.cluster.local.']);
    });

    it('§2.5 ExternalName: CNAME followed upstream; the spec leaves pod records out', () => {
      assert.deepEqual(ask(spec, 'github.default.svc.cluster.local.'), ['NOERROR', 'github.default.svc.cluster.local. CNAME github.github.io.', 'github.github.io. A 185.199.108.153']);
      assert.deepEqual(ask(spec, 'alias.default.svc.cluster.local.'), ['NOERROR', 'alias.default.svc.cluster.local. CNAME kubia.default.svc.cluster.local.', 'kubia.default.svc.cluster.local. A 10.96.0.50']);
      assert.deepEqual(ask(spec, '10-244-0-20.default.pod.cluster.local.'), ['NXDOMAIN']);
    });

    it('RFC 6604: an ExternalName whose in-zone target does not exist is NXDOMAIN with the CNAME (CoreDNS: NODATA)', () => {
      assert.deepEqual(ask(spec, 'dangling.default.svc.cluster.local.'), ['NXDOMAIN', 'dangling.default.svc.cluster.local. CNAME missing.default.svc.cluster.local.']);
      assert.deepEqual(ask(spec, 'dangling.default.svc.cluster.local.', 'CNAME'), ['NOERROR', 'dangling.default.svc.cluster.local. CNAME missing.default.svc.cluster.local.']);
      assert.deepEqual(ask(spec, 'alias.default.svc.cluster.local.', 'AAAA'), ['NOERROR', 'alias.default.svc.cluster.local. CNAME kubia.default.svc.cluster.local.']);
    });

    it('the zone apex holds what the export holds: SOA, NS and ns.dns.<zone> answer; ANY at the apex lists SOA and NS', () => {
      const soa = 'ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30';
      assert.deepEqual(ask(spec, 'cluster.local.', 'SOA'), ['NOERROR', `cluster.local. SOA ${soa}`]);
      assert.deepEqual(ask(spec, 'cluster.local.', 'ANY'), ['NOERROR', `cluster.local. SOA ${soa}`, 'cluster.local. NS ns.dns.cluster.local.']);
      assert.deepEqual(ask(spec, 'ns.dns.cluster.local.'), ['NOERROR', 'ns.dns.cluster.local. A 10.96.0.10']);
      assert.deepEqual(ask(spec, 'dns.cluster.local.', 'A'), ['NODATA']);
      assert.deepEqual(ask(spec, 'in-addr.arpa.', 'NS'), ['NOERROR', 'in-addr.arpa. NS ns.dns.cluster.local.']);
      assert.deepEqual(ask(spec, 'kubia.default.svc.cluster.local.', 'SOA'), ['NODATA']);
      assert.deepEqual(ask(spec, 'nothere.default.svc.cluster.local.', 'MX'), ['NXDOMAIN']);
    });

    it('plain zone semantics: names with names below them are NODATA, the rest NXDOMAIN', () => {
      assert.deepEqual(ask(spec, 'default.svc.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(spec, 'svc.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(spec, 'nonexistent-ns.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(spec, 'kubia.default.svc.cluster.local.', 'TXT'), ['NODATA']);
      assert.deepEqual(ask(spec, 'dns-version.cluster.local.', 'TXT'), ['NOERROR', 'dns-version.cluster.local. TXT "1.1.0"']);
    });

    it('§3 the CoreDNS profile answers every record the specification requires (the spec is a subset)', () => {
      const groups = new Map<string, string[]>();
      for (const entry of clusterRecords(coredns)) {
        const key = `${entry.name} ${entry.type}`;
        groups.set(key, [...(groups.get(key) ?? []), entry.data]);
      }
      for (const [key, data] of groups) {
        const [name, type] = key.split(' ');
        const answer = answerQuestion(coredns, name, type as QueryType);
        assert.deepEqual(answer.answers.filter((entry) => entry.type === type).map((entry) => entry.data).sort(), [...data].sort(), key);
      }
    });
  });
}
