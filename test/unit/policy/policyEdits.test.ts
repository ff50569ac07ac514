import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { LintSession } from '../../../server/src/core/rules/lintSession';
import { repoRoot } from '../../helpers/paths';

const folder = path.join(repoRoot, 'examples', 'networkpolicy', 'dns-blocked');
const read = (name: string): string => fs.readFileSync(path.join(folder, name), 'utf8');
const blocked = (session: LintSession): string[] => session.findings('app.yaml').filter((finding) => finding.ruleId === 'network-policy-blocks-dns').map((finding) => finding.message.split(' selects')[0].split(' select')[0]);

describe('network-policy-blocks-dns follows edits of the policies, in another file', () => {
  it('a policy allowing DNS clears the Pods\' findings; removing it brings them back', () => {
    const session = new LintSession(new ClusterModel());
    session.setFile('app.yaml', read('app.yaml'));
    session.setFile('policies.yaml', read('policies.yaml'));
    session.lintAll();
    assert.deepEqual(blocked(session), ['NetworkPolicy "default-deny-egress", "client-to-web"', 'NetworkPolicy "default-deny-egress"']);
    const allowDns = read('policies.yaml').concat([
      '---', 'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: allow-dns, namespace: netpol-broken}',
      'spec:', '  podSelector: {}', '  policyTypes: [Egress]', '  egress:', '  - ports: [{protocol: UDP, port: 53}]', '',
    ].join('\n'));
    const relinted = session.setFile('policies.yaml', allowDns);
    assert.ok(relinted.includes('app.yaml'), `re-linted ${relinted.join(', ')}`);
    assert.deepEqual(blocked(session), []);
    session.setFile('policies.yaml', read('policies.yaml'));
    assert.equal(blocked(session).length, 2);
  });
});
