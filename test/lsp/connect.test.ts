import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PODS_REQUEST, SIMULATE_CONNECTION_REQUEST, type PodsResult, type SimulateConnectionResult } from '../../server/src/protocol';
import { repoRoot } from '../helpers/paths';
import { LspSession, uriOf } from './lspHarness';

const folder = path.join(repoRoot, 'examples', 'networkpolicy');
const uri = uriOf(path.join(folder, 'fixed', 'app.yaml'));

describe('kubeLookup/simulateConnection over LSP on examples/networkpolicy', () => {
  let session: LspSession;
  let clientPods: Record<string, string>;
  before(async () => {
    session = await LspSession.start([folder]);
  });
  after(() => session.dispose());

  const podOf = async (namespace: string): Promise<string> => {
    clientPods ??= {};
    if (!clientPods[namespace]) {
      const result = await session.request<PodsResult>(PODS_REQUEST, { uri });
      for (const entry of result.namespaces) for (const pod of entry.pods) if (pod.name.startsWith('client-')) clientPods[entry.namespace] = pod.name;
    }
    return clientPods[namespace];
  };

  it('answers the verdict, the CLI JSON and the transcript', async () => {
    const pod = await podOf('netpol-fixed');
    const result = await session.request<SimulateConnectionResult>(SIMULATE_CONNECTION_REQUEST, { uri, target: 'http://web:8080/', from: { namespace: 'netpol-fixed', pod } });
    assert.equal(result.verdict, 'connected');
    assert.equal((result.report as { verdict: string }).verdict, 'connected');
    const lines = result.transcript.split('\n');
    assert.equal(lines[0], `$ kube-lookup connect http://web:8080/ --from netpol-fixed/${pod}`);
    assert.ok(lines.includes('verdict: connected'));
  });

  it('says when DNS itself is blocked by policy', async () => {
    const pod = await podOf('netpol-broken');
    const result = await session.request<SimulateConnectionResult>(SIMULATE_CONNECTION_REQUEST, { uri, target: 'web:8080', protocol: 'tcp', from: { namespace: 'netpol-broken', pod } });
    assert.equal(result.verdict, 'dns-blocked');
    assert.match(result.transcript, /cannot reach the cluster DNS on UDP 53/);
  });

  it('a target without a port is explained in the transcript; an unknown Pod answers null and is logged', async () => {
    const pod = await podOf('netpol-fixed');
    const noPort = await session.request<SimulateConnectionResult>(SIMULATE_CONNECTION_REQUEST, { uri, target: 'web', from: { namespace: 'netpol-fixed', pod } });
    assert.deepEqual([noPort.verdict, noPort.transcript.startsWith(';; "web" names no port')], ['usage', true]);
    const missing = await session.request<SimulateConnectionResult | null>(SIMULATE_CONNECTION_REQUEST, { uri, target: 'web:8080', from: { namespace: 'netpol-fixed', pod: 'nope' } });
    assert.equal(missing, null);
    assert.ok(session.logs.some((message) => message.startsWith('connect failed: Error: no Pod netpol-fixed/nope in this workspace')), session.logs.join('\n'));
  });
});
