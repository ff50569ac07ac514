import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterRecords, recordsOf, serviceNames } from '../../../server/src/core/dns/index';
import { dnsCluster, ENDPOINT_FORMS } from '../../helpers/dnsCluster';
import { modelOf } from '../../helpers/modelFrom';

function recordsAt(records: readonly { name: string; type: string; data: string }[], name: string): string[] {
  return records.filter((entry) => entry.name === name).map((entry) => `${entry.type} ${entry.data}`);
}

for (const form of ENDPOINT_FORMS) {
  describe(`kubernetes/dns specification records (${form})`, () => {
    const model = dnsCluster(form);
    const records = clusterRecords(model);

    it('§2.2 schema version: dns-version.<zone> TXT "1.1.0" with TTL 28800', () => {
      const version = records.filter((entry) => entry.name === 'dns-version.cluster.local.');
      assert.deepEqual(version.map((entry) => [entry.type, entry.ttl, entry.data]), [['TXT', 28800, '"1.1.0"']]);
    });

    it('§2.3 ClusterIP Service: A per cluster IP, SRV per named port, PTR per cluster IP', () => {
      assert.deepEqual(recordsAt(records, 'kubia.default.svc.cluster.local.'), ['A 10.96.0.50']);
      assert.deepEqual(recordsAt(records, '_http._tcp.kubia.default.svc.cluster.local.'), ['SRV 0 100 80 kubia.default.svc.cluster.local.']);
      assert.deepEqual(recordsAt(records, '_https._tcp.kubia.default.svc.cluster.local.'), ['SRV 0 100 443 kubia.default.svc.cluster.local.']);
      assert.deepEqual(recordsAt(records, '50.0.96.10.in-addr.arpa.'), ['PTR kubia.default.svc.cluster.local.']);
      assert.deepEqual(recordsAt(records, '_dns._udp.metrics-api.tools.svc.cluster.local.'), ['SRV 0 100 53 metrics-api.tools.svc.cluster.local.']);
    });

    it('§2.3 dual-stack ClusterIP Service: A and AAAA, full-nibble ip6.arpa PTR, no SRV for an unnamed port', () => {
      assert.deepEqual(recordsAt(records, 'dual.default.svc.cluster.local.'), ['A 10.96.0.60', 'AAAA fd00:10:96::60']);
      assert.deepEqual(recordsAt(records, '0.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.'), ['PTR dual.default.svc.cluster.local.']);
      assert.deepEqual(records.filter((entry) => entry.type === 'SRV' && entry.name.endsWith('dual.default.svc.cluster.local.')), []);
    });

    it('§2.3 a ClusterIP Service without endpoints still publishes its records', () => {
      assert.deepEqual(recordsAt(records, 'empty.default.svc.cluster.local.'), ['A 10.96.0.70']);
    });

    it('§2.4 headless Service: A per ready endpoint, per-hostname A, SRV per ready endpoint × named port, PTR', () => {
      assert.deepEqual(recordsAt(records, 'headless.default.svc.cluster.local.'), ['A 10.244.2.10', 'A 10.244.2.11', 'A 10.244.2.12']);
      assert.deepEqual(recordsAt(records, 'db-0.headless.default.svc.cluster.local.'), ['A 10.244.2.10']);
      assert.deepEqual(recordsAt(records, '10-244-2-12.headless.default.svc.cluster.local.'), ['A 10.244.2.12']);
      assert.deepEqual(recordsAt(records, 'db-3.headless.default.svc.cluster.local.'), [], 'db-3 is not ready');
      assert.deepEqual(recordsAt(records, '_pg._tcp.headless.default.svc.cluster.local.'), [
        'SRV 0 33 5432 db-0.headless.default.svc.cluster.local.',
        'SRV 0 33 5432 db-1.headless.default.svc.cluster.local.',
        'SRV 0 33 5432 10-244-2-12.headless.default.svc.cluster.local.',
      ]);
      assert.deepEqual(recordsAt(records, '11.2.244.10.in-addr.arpa.'), ['PTR db-1.headless.default.svc.cluster.local.']);
      assert.deepEqual(recordsAt(records, '13.2.244.10.in-addr.arpa.'), []);
    });

    it('§2.4 headless Service with no ready endpoint publishes nothing (the name is NXDOMAIN)', () => {
      assert.deepEqual(records.filter((entry) => entry.name.includes('lonely.default')), []);
      assert.deepEqual(records.filter((entry) => entry.name.includes('registry.tools')), []);
    });

    it('§2.4 publishNotReadyAddresses publishes a not-ready Pod, with its hostname', () => {
      assert.deepEqual(recordsAt(records, 'peer-0.peers.default.svc.cluster.local.'), ['A 10.244.4.1']);
      assert.deepEqual(recordsAt(records, '_gossip._udp.peers.default.svc.cluster.local.'), ['SRV 0 100 7946 peer-0.peers.default.svc.cluster.local.']);
    });

    it('§2.5 ExternalName: CNAME to externalName; none for an IP-looking externalName', () => {
      assert.deepEqual(recordsAt(records, 'github.default.svc.cluster.local.'), ['CNAME github.github.io.']);
      assert.deepEqual(recordsAt(records, 'alias.default.svc.cluster.local.'), ['CNAME kubia.default.svc.cluster.local.']);
      assert.deepEqual(records.filter((entry) => entry.name.startsWith('byip.')), []);
    });

    it('recordsOf: a Service its own records, an endpoints object the records of its addresses', () => {
      const kubia = model.objectsNamed('Service', 'default', 'kubia')[0];
      assert.deepEqual(recordsOf(model, kubia).map((entry) => `${entry.name} ${entry.type}`), [
        'kubia.default.svc.cluster.local. A', '_http._tcp.kubia.default.svc.cluster.local. SRV',
        '_https._tcp.kubia.default.svc.cluster.local. SRV', '50.0.96.10.in-addr.arpa. PTR',
      ]);
      const feeder = form === 'endpoints' ? model.objectsNamed('Endpoints', 'shop', 'web')[0] : model.objectsNamed('EndpointSlice', 'shop', 'web-manual')[0];
      assert.deepEqual(recordsOf(model, feeder).filter((entry) => entry.type === 'A').map((entry) => `${entry.name} ${entry.data}`), [
        'web.shop.svc.cluster.local. 10.244.5.1', 'web.shop.svc.cluster.local. 10.244.5.2',
        'api.web.shop.svc.cluster.local. 10.244.5.1', '10-244-5-2.web.shop.svc.cluster.local. 10.244.5.2',
      ]);
      const peer = model.objectsNamed('Pod', 'default', 'peer-0')[0];
      assert.deepEqual(recordsOf(model, peer).map((entry) => `${entry.name} ${entry.type}`), [
        'peers.default.svc.cluster.local. A', 'peer-0.peers.default.svc.cluster.local. A',
        '_gossip._udp.peers.default.svc.cluster.local. SRV', '1.4.244.10.in-addr.arpa. PTR',
      ]);
    });
  });
}

describe('kubernetes/dns specification records: both endpoint forms', () => {
  it('publish the same zone', () => {
    const strip = (form: (typeof ENDPOINT_FORMS)[number]) => clusterRecords(dnsCluster(form)).map((entry) => `${entry.name} ${entry.type} ${entry.data}`);
    assert.deepEqual(strip('endpoints'), strip('endpointslices'));
  });

  it('§2.4 endpointPodNames (CoreDNS) names an endpoint without hostname after its Pod; the spec profile ignores it', () => {
    const stateful = `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: v1
kind: Pod
metadata: {name: db-pod, labels: {app: db}}
spec: {containers: [{name: db, image: postgres}]}
status: {podIP: 10.244.9.9}
`;
    const named = clusterRecords(modelOf({ 'db.yaml': stateful }, { endpointPodNames: true })).filter((entry) => entry.type === 'SRV' && entry.service?.name === 'db').map((entry) => entry.data);
    assert.deepEqual(named, ['0 100 5432 db-pod.db.default.svc.cluster.local.']);
    const spec = clusterRecords(modelOf({ 'db.yaml': stateful }, { endpointPodNames: true, dnsProfile: 'spec' })).filter((entry) => entry.type === 'SRV' && entry.service?.name === 'db').map((entry) => entry.data);
    assert.deepEqual(spec, ['0 100 5432 10-244-9-9.db.default.svc.cluster.local.']);
  });
});

describe('names of a Service (for hovers)', () => {
  const model = dnsCluster('endpointslices');
  it('FQDN, short names by namespace, SRV and endpoint names', () => {
    const names = serviceNames(model, model.service('default', 'headless')!);
    assert.equal(names.fqdn, 'headless.default.svc.cluster.local');
    assert.deepEqual(names.shortNames.map((entry) => `${entry.name} @ ${entry.from}`), [
      'headless @ namespace default', 'headless.default @ every namespace', 'headless.default.svc @ every namespace', 'headless.default.svc.cluster.local @ every namespace',
    ]);
    assert.deepEqual(names.srvNames, ['_pg._tcp.headless.default.svc.cluster.local']);
    assert.deepEqual(names.endpointNames, ['db-0.headless.default.svc.cluster.local', 'db-1.headless.default.svc.cluster.local', '10-244-2-12.headless.default.svc.cluster.local']);
  });

  it('reports the namespaces where a Service named like the namespace captures <svc>.<ns>', () => {
    assert.deepEqual(serviceNames(model, model.service('web', 'api')!).capturedFrom, [{ namespace: 'shop', by: 'Service shop/web' }]);
    assert.deepEqual(serviceNames(model, model.service('default', 'kubia')!).capturedFrom, []);
  });
});
