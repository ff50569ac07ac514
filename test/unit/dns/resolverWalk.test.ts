import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveBindDefault, resolveFrom } from '../../../server/src/core/dns/index';
import { resolverWalk } from '../../../server/src/core/dns/resolverWalk';
import { dnsCluster } from '../../helpers/dnsCluster';

const SEARCH = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

describe('resolver models: the search walk of glibc, musl and bind9 nslookup', () => {
  it('a name with ≥ ndots dots: glibc as given first then searched; musl and nslookup only as given', () => {
    assert.deepEqual(resolverWalk('glibc', 'a.b', SEARCH, 1).candidates, ['a.b.', 'a.b.default.svc.cluster.local.', 'a.b.svc.cluster.local.', 'a.b.cluster.local.']);
    assert.deepEqual(resolverWalk('musl', 'a.b', SEARCH, 1).candidates, ['a.b.']);
    assert.deepEqual(resolverWalk('nslookup', 'a.b', SEARCH, 1).candidates, ['a.b.']);
  });

  it('fewer dots: every model tries the search domains first and the name as given last', () => {
    for (const resolver of ['glibc', 'musl', 'nslookup'] as const) {
      assert.deepEqual(resolverWalk(resolver, 'kubia', SEARCH, 5).candidates, ['kubia.default.svc.cluster.local.', 'kubia.svc.cluster.local.', 'kubia.cluster.local.', 'kubia.'], resolver);
    }
    assert.deepEqual(resolverWalk('musl', 'kubia.', SEARCH, 5).candidates, ['kubia.']);
  });

  it('glibc goes on after NODATA and reports the as-given first try\'s error; musl and nslookup stop at NODATA', () => {
    const glibc = resolverWalk('glibc', 'a.b', SEARCH, 1);
    assert.equal(glibc.goesOn('NODATA'), true);
    assert.equal(glibc.failure([{ rcode: 'NXDOMAIN' }, { rcode: 'NODATA' }, { rcode: 'NXDOMAIN' }]), 'NXDOMAIN');
    assert.equal(resolverWalk('glibc', 'kubia', SEARCH, 5).failure([{ rcode: 'NODATA' }, { rcode: 'NXDOMAIN' }]), 'NODATA');
    assert.equal(resolverWalk('musl', 'kubia', SEARCH, 5).goesOn('NODATA'), false);
    assert.equal(resolverWalk('nslookup', 'kubia', SEARCH, 5).goesOn('NXDOMAIN'), true);
  });

  it('a lookup names its model, and a note says where another model would end', () => {
    const glibc = resolveFrom(dnsCluster('endpointslices'), { namespace: 'default' }, 'kubia', 'AAAA');
    assert.equal(glibc.resolver, 'glibc');
    assert.deepEqual(glibc.tried.map((entry) => `${entry.name} ${entry.rcode}`), ['kubia.default.svc.cluster.local. NODATA', 'kubia.svc.cluster.local. NXDOMAIN', 'kubia.cluster.local. NXDOMAIN', 'kubia. NXDOMAIN']);
    assert.equal(glibc.rcode, 'NODATA');
    assert.ok(glibc.notes.includes('an Alpine (musl) Pod stops at kubia.default.svc.cluster.local. with NODATA (--resolver musl)'), glibc.notes.join('\n'));
    const musl = resolveFrom(dnsCluster('endpointslices', { resolver: 'musl' }), { namespace: 'default' }, 'kubia', 'AAAA');
    assert.deepEqual(musl.tried.map((entry) => `${entry.name} ${entry.rcode}`), ['kubia.default.svc.cluster.local. NODATA']);
    assert.ok(musl.notes.some((note) => note.startsWith('a glibc (Debian, Ubuntu, distroless) Pod stops at kubia. with NODATA after 4 names')), musl.notes.join('\n'));
    const same = resolveFrom(dnsCluster('endpointslices', { resolver: 'musl' }), { namespace: 'default' }, 'kubia', 'A');
    assert.equal(same.notes.filter((note) => note.includes('--resolver')).length, 0, 'no note when every model ends alike');
  });
});

describe('plain nslookup NAME with --resolver nslookup (bind9): A, then AAAA at the canonical name', () => {
  const model = dnsCluster('endpointslices', { resolver: 'nslookup' });

  it('asks AAAA once at the name the A walk found, and prints both families', () => {
    const dual = resolveBindDefault(model, { namespace: 'default' }, 'dual');
    assert.equal(dual.type, 'A+AAAA');
    assert.deepEqual(dual.tried.map((entry) => `${entry.name} ${entry.type ?? 'A'} ${entry.rcode}`), ['dual.default.svc.cluster.local. A NOERROR', 'dual.default.svc.cluster.local. AAAA NOERROR']);
    assert.deepEqual(dual.answers.map((answer) => answer.data), ['10.96.0.60', 'fd00:10:96::60']);
  });

  it('follows the CNAME for the AAAA question, and does not ask again for a name not found', () => {
    const alias = resolveBindDefault(model, { namespace: 'default' }, 'alias');
    assert.equal(alias.tried[alias.tried.length - 1].name, 'kubia.default.svc.cluster.local.');
    assert.equal(alias.rcode, 'NOERROR');
    const missing = resolveBindDefault(model, { namespace: 'default' }, 'nothere');
    assert.equal(missing.rcode, 'NXDOMAIN');
    assert.ok(missing.tried.every((entry) => entry.type === undefined));
  });
});
