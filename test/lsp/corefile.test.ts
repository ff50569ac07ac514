import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SIMULATE_NSLOOKUP_REQUEST, type SimulateNslookupResult } from '../../server/src/protocol';
import { fixturesRoot } from '../helpers/paths';
import { LspSession, uriOf } from './lspHarness';

const folder = path.join(fixturesRoot, 'corefile', 'cluster');
const web = uriOf(path.join(folder, 'web.yaml'));

describe('the editor answers as the CLI\'s Corefile does', () => {
  it('kubeLookup.corefile (relative to the folder): the transcript names the Corefile and the deciding line', async () => {
    const session = await LspSession.start([folder], { kubeLookup: { corefile: '../Corefile' } });
    try {
      const result = await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: web, name: '4.3.2.1.in-addr.arpa.', type: 'PTR', from: { namespace: 'default' } });
      assert.equal(result.rcode, 'NXDOMAIN');
      assert.match(result.transcript, /, Corefile \.\.\/Corefile, glibc resolver/);
      assert.match(result.transcript, /NXDOMAIN from the kubernetes plugin \(\.\.\/Corefile:5\)/);
      const rewritten = await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: web, name: 'db.example.com', from: { namespace: 'default' } });
      assert.equal(rewritten.rcode, 'NOERROR');
      assert.match(rewritten.transcript, /rewrite name exact db\.example\.com web\.default\.svc\.cluster\.local \(\.\.\/Corefile:4\)/);
    } finally {
      session.dispose();
    }
  });

  it('without it, the folder\'s kube-system/coredns ConfigMap, cited by its manifest line', async () => {
    const session = await LspSession.start([folder]);
    try {
      const result = await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: web, name: '4.3.2.1.in-addr.arpa.', type: 'PTR', from: { namespace: 'default' } });
      assert.equal(result.rcode, 'UPSTREAM');
      assert.match(result.transcript, /\(ConfigMap kube-system\/coredns\), glibc resolver/);
      assert.match(result.transcript, /`fallthrough in-addr\.arpa ip6\.arpa` \(\S*coredns\.yaml:13\) passes the NXDOMAIN/);
    } finally {
      session.dispose();
    }
  });
});
