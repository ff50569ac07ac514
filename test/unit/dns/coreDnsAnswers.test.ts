import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion, type QueryType } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { dnsCluster, ENDPOINT_FORMS } from '../../helpers/dnsCluster';
import { lines, modelOf } from '../../helpers/modelFrom';

/** `RCODE` then one `name type data` line per answer. */
function ask(model: ClusterModel, name: string, type: QueryType = 'A'): string[] {
  const answer = answerQuestion(model, name, type);
  return [answer.rcode, ...answer.answers.map((entry) => `${entry.name} ${entry.type} ${entry.data}`)];
}

const UPSTREAM = { upstreamHosts: { 'github.github.io': ['185.199.108.153', '2606:50c0:8000::153'] } };

for (const form of ENDPOINT_FORMS) {
  describe(`anchors §2.3 CoreDNS answers, coredns profile (${form})`, () => {
    const model = dnsCluster(form, UPSTREAM);

    it('ClusterIP Service A: one A per cluster IP', () => {
      assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.'), ['NOERROR', 'kubia.default.svc.cluster.local. A 10.96.0.50']);
      assert.deepEqual(ask(model, 'dual.default.svc.cluster.local.', 'AAAA'), ['NOERROR', 'dual.default.svc.cluster.local. AAAA fd00:10:96::60']);
    });

    it('ClusterIP Service with zero endpoints still answers; ignore empty_service makes it NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'empty.default.svc.cluster.local.'), ['NOERROR', 'empty.default.svc.cluster.local. A 10.96.0.70']);
      const ignoring = dnsCluster(form, { ignoreEmptyService: true });
      assert.deepEqual(ask(ignoring, 'empty.default.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(ignoring, 'kubia.default.svc.cluster.local.'), ['NOERROR', 'kubia.default.svc.cluster.local. A 10.96.0.50']);
    });

    it('AAAA for a Service with only an IPv4 cluster IP is NODATA', () => {
      assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.', 'AAAA'), ['NODATA']);
    });

    it('SRV on the bare Service name returns every port, weight 100/N, target the Service', () => {
      const answer = answerQuestion(model, 'kubia.default.svc.cluster.local.', 'SRV');
      assert.deepEqual(answer.answers.map((entry) => entry.data), ['0 50 80 kubia.default.svc.cluster.local.', '0 50 443 kubia.default.svc.cluster.local.']);
      assert.deepEqual(answer.additional.map((entry) => `${entry.name} ${entry.type} ${entry.data}`), ['kubia.default.svc.cluster.local. A 10.96.0.50']);
    });

    it('SRV _port._proto that matches no port is NXDOMAIN', () => {
      assert.deepEqual(ask(model, '_http._tcp.kubia.default.svc.cluster.local.', 'SRV'), ['NOERROR', '_http._tcp.kubia.default.svc.cluster.local. SRV 0 100 80 kubia.default.svc.cluster.local.']);
      assert.deepEqual(ask(model, '_grpc._tcp.kubia.default.svc.cluster.local.', 'SRV'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, '_http._udp.kubia.default.svc.cluster.local.', 'SRV'), ['NXDOMAIN']);
    });

    it('headless Service A: one A per ready endpoint; none ready or no endpoints is NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'headless.default.svc.cluster.local.'), [
        'NOERROR', 'headless.default.svc.cluster.local. A 10.244.2.10', 'headless.default.svc.cluster.local. A 10.244.2.11', 'headless.default.svc.cluster.local. A 10.244.2.12',
      ]);
      assert.deepEqual(ask(model, 'lonely.default.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, 'registry.tools.svc.cluster.local.'), ['NXDOMAIN']);
    });

    it('x.svc.ns.svc.zone: endpoint hostname, else the dashed IP; also below a ClusterIP Service', () => {
      assert.deepEqual(ask(model, 'db-1.headless.default.svc.cluster.local.'), ['NOERROR', 'db-1.headless.default.svc.cluster.local. A 10.244.2.11']);
      assert.deepEqual(ask(model, '10-244-2-12.headless.default.svc.cluster.local.'), ['NOERROR', '10-244-2-12.headless.default.svc.cluster.local. A 10.244.2.12']);
      assert.deepEqual(ask(model, '10-244-1-5.kubia.default.svc.cluster.local.'), ['NOERROR', '10-244-1-5.kubia.default.svc.cluster.local. A 10.244.1.5']);
      assert.deepEqual(ask(model, '10-244-1-7.kubia.default.svc.cluster.local.'), ['NXDOMAIN'], 'not ready');
    });

    it('bogus.headless.ns.svc.zone is NXDOMAIN, and a not-ready hostname too', () => {
      assert.deepEqual(ask(model, 'bogus.headless.default.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, 'db-3.headless.default.svc.cluster.local.'), ['NXDOMAIN']);
    });

    it('headless SRV _port._proto: one SRV per ready address × port, targets the endpoint names, A in extra', () => {
      const answer = answerQuestion(model, '_pg._tcp.headless.default.svc.cluster.local.', 'SRV');
      assert.deepEqual(answer.answers.map((entry) => entry.data), [
        '0 33 5432 db-0.headless.default.svc.cluster.local.', '0 33 5432 db-1.headless.default.svc.cluster.local.', '0 33 5432 10-244-2-12.headless.default.svc.cluster.local.',
      ]);
      assert.deepEqual(answer.additional.map((entry) => `${entry.name} ${entry.data}`), [
        'db-0.headless.default.svc.cluster.local. 10.244.2.10', 'db-1.headless.default.svc.cluster.local. 10.244.2.11', '10-244-2-12.headless.default.svc.cluster.local. 10.244.2.12',
      ]);
    });

    it('headless SRV on the bare name includes the unnamed port', () => {
      const answer = answerQuestion(model, 'headless.default.svc.cluster.local.', 'SRV');
      assert.equal(answer.answers.length, 6);
      assert.ok(answer.answers.some((entry) => entry.data === '0 16 9187 db-0.headless.default.svc.cluster.local.'));
    });

    it('ExternalName A: CNAME plus the upstream answer (from upstreamHosts)', () => {
      const answer = answerQuestion(model, 'github.default.svc.cluster.local.', 'A');
      assert.deepEqual(answer.answers.map((entry) => `${entry.name} ${entry.type} ${entry.data}`), ['github.default.svc.cluster.local. CNAME github.github.io.', 'github.github.io. A 185.199.108.153']);
      assert.equal(answer.upstream, true);
      assert.deepEqual(ask(model, 'github.default.svc.cluster.local.', 'CNAME'), ['NOERROR', 'github.default.svc.cluster.local. CNAME github.github.io.']);
    });

    it('ExternalName to an out-of-zone name without a static answer: the CNAME, reported as upstream', () => {
      const bare = dnsCluster(form);
      const answer = answerQuestion(bare, 'github.default.svc.cluster.local.', 'A');
      assert.deepEqual([answer.rcode, answer.upstream, answer.answers.map((entry) => entry.type)], ['NOERROR', true, ['CNAME']]);
    });

    it('ExternalName inside the zone is followed: CNAME chain then the A', () => {
      assert.deepEqual(ask(model, 'alias2.default.svc.cluster.local.'), [
        'NOERROR', 'alias2.default.svc.cluster.local. CNAME alias.default.svc.cluster.local.', 'alias.default.svc.cluster.local. CNAME kubia.default.svc.cluster.local.', 'kubia.default.svc.cluster.local. A 10.96.0.50',
      ]);
      assert.deepEqual(ask(model, 'dangling.default.svc.cluster.local.'), ['NODATA'], 'CoreDNS drops a CNAME whose in-zone target has no address');
    });

    it('ExternalName whose value is an IP is not served: NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'byip.default.svc.cluster.local.'), ['NXDOMAIN']);
    });

    it('x.ext.ns.svc.zone and _p._tcp.ext… are NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'www.github.default.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, '_http._tcp.github.default.svc.cluster.local.', 'SRV'), ['NXDOMAIN']);
    });

    it('ExternalName SRV is NODATA', () => {
      assert.deepEqual(ask(model, 'github.default.svc.cluster.local.', 'SRV'), ['NODATA']);
    });

    it('ns.svc.zone, svc.zone and pod.zone are NODATA when the namespace exists', () => {
      assert.deepEqual(ask(model, 'default.svc.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(model, 'tools.svc.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(model, 'svc.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(model, 'pod.cluster.local.'), ['NODATA']);
      assert.deepEqual(ask(model, 'cluster.local.'), ['NODATA']);
    });

    it('a name in a namespace that does not exist is NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'svc0.nonexistent-ns.svc.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, 'nonexistent-ns.svc.cluster.local.'), ['NXDOMAIN']);
    });

    it('a Service that does not exist in an existing namespace is NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'nope.default.svc.cluster.local.'), ['NXDOMAIN']);
    });

    it('a second label other than svc or pod, or too many labels, is NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'kubia.default.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, 'a.b.c.kubia.default.svc.cluster.local.'), ['NXDOMAIN']);
    });

    it('TXT: dns-version answers; an existing non-TXT name is NODATA; otherwise NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'dns-version.cluster.local.', 'TXT'), ['NOERROR', 'dns-version.cluster.local. TXT "1.1.0"']);
      assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.', 'TXT'), ['NODATA']);
      assert.deepEqual(ask(model, 'nope.default.svc.cluster.local.', 'TXT'), ['NXDOMAIN']);
    });

    it('other qtypes: a fake A lookup decides NODATA versus NXDOMAIN', () => {
      assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.', 'ANY'), ['NODATA']);
      assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.', 'PTR'), ['NODATA']);
      assert.deepEqual(ask(model, 'nope.default.svc.cluster.local.', 'ANY'), ['NXDOMAIN']);
    });

    it('pods insecure: A from the name when the namespace exists; disabled: NXDOMAIN; verified: only a Pod\'s IP', () => {
      assert.deepEqual(ask(model, '10-244-0-20.default.pod.cluster.local.'), ['NOERROR', '10-244-0-20.default.pod.cluster.local. A 10.244.0.20']);
      assert.deepEqual(ask(model, '10-1-2-3.default.pod.cluster.local.'), ['NOERROR', '10-1-2-3.default.pod.cluster.local. A 10.1.2.3']);
      assert.deepEqual(ask(model, '10-1-2-3.nonexistent-ns.pod.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(model, 'not-an-ip.default.pod.cluster.local.'), ['NXDOMAIN']);
      assert.deepEqual(ask(dnsCluster(form, { pods: 'disabled' }), '10-244-0-20.default.pod.cluster.local.'), ['NXDOMAIN']);
      const verified = dnsCluster(form, { pods: 'verified' });
      assert.deepEqual(ask(verified, '10-244-0-20.default.pod.cluster.local.'), ['NOERROR', '10-244-0-20.default.pod.cluster.local. A 10.244.0.20']);
      assert.deepEqual(ask(verified, '10-244-0-20.tools.pod.cluster.local.'), ['NXDOMAIN'], 'the Pod lives in default');
      assert.deepEqual(ask(verified, '10-1-2-3.default.pod.cluster.local.'), ['NXDOMAIN']);
    });

    it('PTR: a cluster IP first, else a ready endpoint of any Service; unknown addresses fall through upstream', () => {
      assert.deepEqual(ask(model, '50.0.96.10.in-addr.arpa.', 'PTR'), ['NOERROR', '50.0.96.10.in-addr.arpa. PTR kubia.default.svc.cluster.local.']);
      assert.deepEqual(ask(model, '0.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.', 'PTR'), ['NOERROR', '0.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa. PTR dual.default.svc.cluster.local.']);
      assert.deepEqual(ask(model, '10.2.244.10.in-addr.arpa.', 'PTR'), ['NOERROR', '10.2.244.10.in-addr.arpa. PTR db-0.headless.default.svc.cluster.local.']);
      assert.deepEqual(ask(model, '5.1.244.10.in-addr.arpa.', 'PTR'), ['NOERROR', '5.1.244.10.in-addr.arpa. PTR 10-244-1-5.kubia.default.svc.cluster.local.']);
      assert.deepEqual(ask(model, '9.9.9.10.in-addr.arpa.', 'PTR'), ['UPSTREAM']);
      // the upstream resolver is taken to hold the PTRs of what upstreamHosts gives, as a hosts file maps both ways
      assert.deepEqual(ask(model, '153.108.199.185.in-addr.arpa.', 'PTR'), ['NOERROR', '153.108.199.185.in-addr.arpa. PTR github.github.io.']);
    });

    it('matching is case-insensitive and the answer keeps the question\'s case', () => {
      assert.deepEqual(ask(model, 'KuBiA.Default.SVC.Cluster.Local.'), ['NOERROR', 'KuBiA.Default.SVC.Cluster.Local. A 10.96.0.50']);
      assert.deepEqual(ask(model, 'DB-0.Headless.default.svc.cluster.local.'), ['NOERROR', 'DB-0.Headless.default.svc.cluster.local. A 10.244.2.10']);
    });

    it('names outside the zone are forwarded upstream', () => {
      assert.deepEqual(ask(model, 'github.github.io.'), ['NOERROR', 'github.github.io. A 185.199.108.153']);
      assert.deepEqual(ask(model, 'github.github.io.', 'AAAA'), ['NOERROR', 'github.github.io. AAAA 2606:50c0:8000::153']);
      assert.deepEqual(ask(model, 'example.com.'), ['UPSTREAM']);
    });
  });
}

describe('anchors §2.3 CoreDNS answers, inline clusters', () => {
  it('headless Service without ports still answers A (no SRV)', () => {
    const model = modelOf({
      'portless.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: portless}', 'spec: {clusterIP: None, selector: {app: p}}', '---',
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: p-1, labels: {app: p}}', 'spec: {containers: [{name: c, image: i}]}', 'status: {podIP: 10.244.8.1}',
      ),
    });
    assert.deepEqual(ask(model, 'portless.default.svc.cluster.local.'), ['NOERROR', 'portless.default.svc.cluster.local. A 10.244.8.1']);
    assert.deepEqual(ask(model, 'portless.default.svc.cluster.local.', 'SRV'), ['NODATA']);
  });

  it('endpoint_pod_names: an endpoint without hostname answers by its Pod name', () => {
    const model = modelOf({
      'db.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: db}', 'spec: {clusterIP: None, selector: {app: db}, ports: [{name: pg, port: 5432}]}', '---',
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: db-pod, labels: {app: db}}', 'spec: {containers: [{name: c, image: i}]}', 'status: {podIP: 10.244.9.9}',
      ),
    }, { endpointPodNames: true });
    assert.deepEqual(ask(model, 'db-pod.db.default.svc.cluster.local.'), ['NOERROR', 'db-pod.db.default.svc.cluster.local. A 10.244.9.9']);
    assert.deepEqual(ask(model, '10-244-9-9.db.default.svc.cluster.local.'), ['NXDOMAIN']);
  });

  it('CNAME chains inside the zone stop after 10 links', () => {
    const services = Array.from({ length: 12 }, (_, index) => lines(
      'apiVersion: v1', 'kind: Service', `metadata: {name: hop${index}}`, `spec: {type: ExternalName, externalName: hop${index + 1}.default.svc.cluster.local}`,
    ));
    const model = modelOf({ 'chain.yaml': [...services, lines('apiVersion: v1', 'kind: Service', 'metadata: {name: hop12}', 'spec: {clusterIP: 10.96.5.5, ports: [{port: 80}]}')].join('---\n') });
    assert.deepEqual(ask(model, 'hop3.default.svc.cluster.local.').slice(-2), ['hop11.default.svc.cluster.local. CNAME hop12.default.svc.cluster.local.', 'hop12.default.svc.cluster.local. A 10.96.5.5']);
    assert.equal(ask(model, 'hop3.default.svc.cluster.local.').length, 1 + 9 + 1);
    assert.deepEqual(ask(model, 'hop0.default.svc.cluster.local.'), ['NODATA'], 'the chain from hop0 is too long to reach an address');
  });

  it('StatefulSet Pods answer as <set>-<ordinal>.<serviceName> (the controller sets hostname and subdomain)', () => {
    const model = modelOf({
      'web.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: nginx}', 'spec: {clusterIP: None, selector: {app: nginx}, ports: [{name: web, port: 80}]}', '---',
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: web}',
        'spec: {serviceName: nginx, replicas: 2, selector: {matchLabels: {app: nginx}}, template: {metadata: {labels: {app: nginx}}, spec: {containers: [{name: nginx, image: nginx, ports: [{name: web, containerPort: 80}]}]}}}',
      ),
    });
    const answer = answerQuestion(model, '_web._tcp.nginx.default.svc.cluster.local.', 'SRV');
    assert.deepEqual(answer.answers.map((entry) => entry.data), ['0 50 80 web-0.nginx.default.svc.cluster.local.', '0 50 80 web-1.nginx.default.svc.cluster.local.']);
    assert.equal(ask(model, 'web-1.nginx.default.svc.cluster.local.')[0], 'NOERROR');
    assert.ok(answerQuestion(model, 'web-1.nginx.default.svc.cluster.local.', 'A').answers[0].simulated, 'the Pod IP is allocated');
  });

  it('dual-stack endpoints: AAAA at the hostname, and the dashed IPv6 name', () => {
    const model = modelOf({
      'db.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: db}', 'spec: {clusterIP: None, ipFamilyPolicy: RequireDualStack, selector: {app: db}, ports: [{name: pg, port: 5432}]}', '---',
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: db-0, labels: {app: db}}', 'spec: {hostname: db-0, subdomain: db, containers: [{name: c, image: i}]}',
        'status: {podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}, {ip: "fd00:10:244::5"}]}', '---',
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: db-1, labels: {app: db}}', 'spec: {containers: [{name: c, image: i}]}',
        'status: {podIPs: [{ip: "fd00:10:244::6"}]}',
      ),
    }, { serviceCIDR: '10.96.0.0/12,fd00:10:96::/112' }); // a dual-stack cluster: a single-stack headless Service would get IPv4 endpoints only
    assert.deepEqual(ask(model, 'db-0.db.default.svc.cluster.local.', 'AAAA'), ['NOERROR', 'db-0.db.default.svc.cluster.local. AAAA fd00:10:244::5']);
    assert.deepEqual(ask(model, 'fd00-10-244--6.db.default.svc.cluster.local.', 'AAAA'), ['NOERROR', 'fd00-10-244--6.db.default.svc.cluster.local. AAAA fd00:10:244::6']);
    assert.deepEqual(ask(model, 'db.default.svc.cluster.local.', 'AAAA'), ['NOERROR', 'db.default.svc.cluster.local. AAAA fd00:10:244::5', 'db.default.svc.cluster.local. AAAA fd00:10:244::6']);
    assert.deepEqual(ask(model, 'fd00-10-244--6.default.pod.cluster.local.', 'AAAA'), ['NOERROR', 'fd00-10-244--6.default.pod.cluster.local. AAAA fd00:10:244::6']);
  });

  it('ns.dns.<zone> is the cluster DNS server named in the SOA', () => {
    assert.deepEqual(ask(modelOf({}), 'ns.dns.cluster.local.'), ['NOERROR', 'ns.dns.cluster.local. A 10.96.0.10']);
  });
});
