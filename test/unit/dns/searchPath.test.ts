import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFrom, type QueryType } from '../../../server/src/core/dns/index';
import { searchCandidates } from '../../../server/src/core/dns/searchList';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { dnsCluster, ENDPOINT_FORMS } from '../../helpers/dnsCluster';

const SETTINGS = { upstreamHosts: { 'github.github.io': ['185.199.108.153'], 'www.docs.eu.corp.example.com': ['192.0.2.80'], 'db-0.headless.default': [] } };

/** `name rcode` per try, then `= answers`. */
function lookup(model: ClusterModel, from: string, name: string, type: QueryType = 'A'): string[] {
  const [namespace, podName] = from.split('/');
  const pod = model.podsIn(namespace).find((candidate) => candidate.name === podName);
  assert.ok(pod, `no Pod ${from}`);
  const resolution = resolveFrom(model, { pod }, name, type);
  return [...resolution.tried.map((entry) => `${entry.name} ${entry.rcode}`), `= ${resolution.rcode} ${resolution.answers.map((entry) => entry.data).join(' ')}`.trim()];
}

describe('glibc search-list expansion (resolv.conf(5), anchors §1.7)', () => {
  const search = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
  it('a name with fewer than ndots dots walks the search list, then is tried as given', () => {
    assert.deepEqual(searchCandidates('kubia', search, 5), ['kubia.default.svc.cluster.local.', 'kubia.svc.cluster.local.', 'kubia.cluster.local.', 'kubia.']);
  });
  it('a name with at least ndots dots is tried as given first', () => {
    assert.deepEqual(searchCandidates('a.b.c.d.e.f', search, 5), ['a.b.c.d.e.f.', 'a.b.c.d.e.f.default.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.']);
  });
  it('a trailing dot means absolute: no search', () => {
    assert.deepEqual(searchCandidates('kubia.default.svc.cluster.local.', search, 5), ['kubia.default.svc.cluster.local.']);
  });
  it('the root domain on the search list is the name as given, in its place', () => {
    assert.deepEqual(searchCandidates('kubia', ['a.example', '.', 'b.example'], 5), ['kubia.a.example.', 'kubia.', 'kubia.b.example.']);
  });
});

for (const form of ENDPOINT_FORMS) {
  describe(`search path from Pods in several namespaces (${form})`, () => {
    const model = dnsCluster(form, SETTINGS);

    it('short name from default: the first search domain answers', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'kubia'), ['kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50']);
    });

    it('svc.ns from default: <svc>.<ns>.<ns>.svc… fails first (read as an endpoint of Service <ns>)', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'kubia.default'), ['kubia.default.default.svc.cluster.local. NXDOMAIN', 'kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50']);
    });

    it('svc.ns.svc: two failures before svc.cluster.local… answers', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'kubia.default.svc'), [
        'kubia.default.svc.default.svc.cluster.local. NXDOMAIN', 'kubia.default.svc.svc.cluster.local. NXDOMAIN', 'kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50',
      ]);
    });

    it('pod.svc: a hostname below a headless Service', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'db-0.headless'), ['db-0.headless.default.svc.cluster.local. NOERROR', '= NOERROR 10.244.2.10']);
    });

    it('a Service FQDN has 4 dots, so under ndots:5 it still walks the whole search list first', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'kubia.default.svc.cluster.local'), [
        'kubia.default.svc.cluster.local.default.svc.cluster.local. NXDOMAIN',
        'kubia.default.svc.cluster.local.svc.cluster.local. NXDOMAIN',
        'kubia.default.svc.cluster.local.cluster.local. NXDOMAIN',
        'kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50',
      ]);
    });

    it('names with 5 or more dots are tried as given first', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'db-0.headless.default.svc.cluster.local'), ['db-0.headless.default.svc.cluster.local. NOERROR', '= NOERROR 10.244.2.10']);
      assert.deepEqual(lookup(model, 'default/request-pod', '_pg._tcp.headless.default.svc.cluster.local', 'SRV'), [
        '_pg._tcp.headless.default.svc.cluster.local. NOERROR',
        '= NOERROR 0 33 5432 db-0.headless.default.svc.cluster.local. 0 33 5432 db-1.headless.default.svc.cluster.local. 0 33 5432 10-244-2-12.headless.default.svc.cluster.local.',
      ]);
      assert.deepEqual(lookup(model, 'shop/client', 'www.docs.eu.corp.example.com'), ['www.docs.eu.corp.example.com. NOERROR', '= NOERROR 192.0.2.80']);
    });

    it('an absolute name is asked once', () => {
      assert.deepEqual(lookup(model, 'shop/client', 'kubia.default.svc.cluster.local.'), ['kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50']);
      assert.deepEqual(lookup(model, 'shop/client', 'kubia.'), ['kubia. NXDOMAIN', '= NXDOMAIN'], 'a single label goes upstream, where no such top-level domain exists');
      assert.deepEqual(lookup(model, 'shop/client', 'example.com.'), ['example.com. UPSTREAM', '= UPSTREAM']);
    });

    it('an external name walks the cluster search list before going upstream', () => {
      assert.deepEqual(lookup(model, 'shop/client', 'github.github.io'), [
        'github.github.io.shop.svc.cluster.local. NXDOMAIN', 'github.github.io.svc.cluster.local. NXDOMAIN', 'github.github.io.cluster.local. NXDOMAIN', 'github.github.io. NOERROR', '= NOERROR 185.199.108.153',
      ]);
    });

    it('an ExternalName Service by short name: CNAME plus the upstream address', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'github'), ['github.default.svc.cluster.local. NOERROR', '= NOERROR github.github.io. 185.199.108.153']);
    });

    it('short names do not cross namespaces', () => {
      assert.deepEqual(lookup(model, 'shop/client', 'kubia').slice(0, 3), ['kubia.shop.svc.cluster.local. NXDOMAIN', 'kubia.svc.cluster.local. NXDOMAIN', 'kubia.cluster.local. NXDOMAIN']);
      assert.deepEqual(lookup(model, 'shop/client', 'kubia.default'), ['kubia.default.shop.svc.cluster.local. NXDOMAIN', 'kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50']);
    });

    it('a Service named like a namespace captures <name>.<namespace> from its own namespace', () => {
      // shop/web is headless with an endpoint named api: api.web.shop.svc… answers before api.web.svc…
      assert.deepEqual(lookup(model, 'shop/client', 'api.web'), ['api.web.shop.svc.cluster.local. NOERROR', '= NOERROR 10.244.5.1']);
      assert.deepEqual(lookup(model, 'web/browser', 'api.web'), ['api.web.web.svc.cluster.local. NXDOMAIN', 'api.web.svc.cluster.local. NOERROR', '= NOERROR 10.96.1.10']);
      assert.deepEqual(lookup(model, 'default/request-pod', 'api.web'), ['api.web.default.svc.cluster.local. NXDOMAIN', 'api.web.svc.cluster.local. NOERROR', '= NOERROR 10.96.1.10']);
    });

    it('every failed try is NXDOMAIN or NODATA; NODATA wins when the walk fails', () => {
      assert.deepEqual(lookup(model, 'default/request-pod', 'kubia', 'AAAA'), [
        'kubia.default.svc.cluster.local. NODATA', 'kubia.svc.cluster.local. NXDOMAIN', 'kubia.cluster.local. NXDOMAIN', 'kubia. NXDOMAIN', '= NODATA',
      ]);
      assert.deepEqual(lookup(model, 'default/request-pod', 'lonely.default.svc.cluster.local.'), ['lonely.default.svc.cluster.local. NXDOMAIN', '= NXDOMAIN']);
    });

    it('dnsConfig searches and ndots:2 change the order; upstreamHosts with no address is NXDOMAIN', () => {
      assert.deepEqual(lookup(model, 'tools/toolbox', 'kubia.default'), ['kubia.default.tools.svc.cluster.local. NXDOMAIN', 'kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50']);
      assert.deepEqual(lookup(model, 'tools/toolbox', 'db-0.headless.default'), [
        'db-0.headless.default. NXDOMAIN', 'db-0.headless.default.tools.svc.cluster.local. NXDOMAIN', 'db-0.headless.default.svc.cluster.local. NOERROR', '= NOERROR 10.244.2.10',
      ]);
    });

    it('hostNetwork with ClusterFirst falls back to the node resolver; ClusterFirstWithHostNet reaches the cluster DNS', () => {
      assert.deepEqual(lookup(model, 'tools/hostnet', 'kubia.default.svc.cluster.local'), ['kubia.default.svc.cluster.local. NXDOMAIN', '= NXDOMAIN']);
      assert.deepEqual(lookup(model, 'tools/hostnet-cluster', 'kubia.default'), ['kubia.default.tools.svc.cluster.local. NXDOMAIN', 'kubia.default.svc.cluster.local. NOERROR', '= NOERROR 10.96.0.50']);
    });

    it('a namespace origin behaves as a ClusterFirst Pod there', () => {
      const resolution = resolveFrom(model, { namespace: 'web' }, 'api', 'A');
      assert.deepEqual([resolution.from, resolution.tried.map((entry) => entry.name), resolution.answers.map((entry) => entry.data)], ['web', ['api.web.svc.cluster.local.'], ['10.96.1.10']]);
    });

    it('the Pod\'s own FQDN is in its /etc/hosts but not in DNS, and the note says nslookup does not read it', () => {
      const pod = model.podsIn('default').find((candidate) => candidate.name === 'request-pod')!;
      const resolution = resolveFrom(model, { pod }, 'me.headless', 'A');
      assert.equal(resolution.rcode, 'UPSTREAM');
      assert.equal(resolution.tried[0].rcode, 'NXDOMAIN');
      assert.ok(resolution.tried[0].answer.why.includes('Service headless does not select Pod request-pod'), resolution.tried[0].answer.why.join('\n'));
      const full = resolveFrom(model, { pod }, 'me.headless.default.svc.cluster.local.', 'A');
      assert.deepEqual(full.notes, ['/etc/hosts of Pod request-pod (written by kubelet) maps me.headless.default.svc.cluster.local to 10.244.0.20: getent hosts and getaddrinfo answer from it, but nslookup does not read /etc/hosts, so this transcript shows only what the DNS server says']);
    });
  });
}
