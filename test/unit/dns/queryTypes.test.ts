import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion, parseQueryType, type QueryType } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { dnsCluster } from '../../helpers/dnsCluster';

function ask(model: ClusterModel, name: string, type: QueryType): string[] {
  const answer = answerQuestion(model, name, type);
  return [answer.rcode, ...answer.answers.map((entry) => `${entry.name} ${entry.type} ${entry.data}`), ...answer.additional.map((entry) => `+ ${entry.name} ${entry.type} ${entry.data}`)];
}

const SOA = 'ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30';

describe('any query type', () => {
  it('parses mnemonics in any case and RFC 3597 TYPEnnn; refuses transfers and non-types', () => {
    assert.deepEqual(parseQueryType('hinfo'), { type: 'HINFO' });
    assert.deepEqual(parseQueryType('TYPE15'), { type: 'MX' });
    assert.deepEqual(parseQueryType('type65280'), { type: 'TYPE65280' });
    assert.ok('error' in parseQueryType('AXFR'));
    assert.ok('error' in parseQueryType('TYPE0'));
    assert.ok('error' in parseQueryType('bogus'));
  });

  describe('coredns profile (handler.go)', () => {
    const model = dnsCluster('endpointslices');

    it('SOA and NS at the zone apex, with ns.dns.<zone> as additional for NS', () => {
      assert.deepEqual(ask(model, 'cluster.local.', 'SOA'), ['NOERROR', `cluster.local. SOA ${SOA}`]);
      assert.deepEqual(ask(model, 'Cluster.Local.', 'NS'), ['NOERROR', 'Cluster.Local. NS ns.dns.cluster.local.', '+ ns.dns.cluster.local. A 10.96.0.10']);
      assert.deepEqual(ask(model, 'in-addr.arpa.', 'SOA'), ['NOERROR', 'in-addr.arpa. SOA ns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 1 7200 1800 86400 30']);
    });

    it('SOA below the apex is NODATA even for a name that does not exist; NS below it follows the fake A lookup', () => {
      assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.', 'SOA'), ['NODATA']);
      assert.deepEqual(ask(model, 'nothere.default.svc.cluster.local.', 'SOA'), ['NODATA']);
      assert.deepEqual(ask(model, 'svc.cluster.local.', 'NS'), ['NODATA']);
      assert.deepEqual(ask(model, 'nothere.default.svc.cluster.local.', 'NS'), ['NXDOMAIN']);
    });

    it('types the zone never holds: NODATA for a name that exists, NXDOMAIN otherwise', () => {
      for (const type of ['MX', 'HINFO', 'CAA', 'TYPE65280']) {
        assert.deepEqual(ask(model, 'kubia.default.svc.cluster.local.', type), ['NODATA'], type);
        assert.deepEqual(ask(model, 'nothere.default.svc.cluster.local.', type), ['NXDOMAIN'], type);
      }
    });
  });
});
