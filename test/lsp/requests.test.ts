import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PODS_REQUEST,
  RECORDS_REQUEST,
  SERVICE_ENVIRONMENT_REQUEST,
  SIMULATE_NSLOOKUP_REQUEST,
  type PodsResult,
  type RecordsResult,
  type ServiceEnvironmentResult,
  type SimulateNslookupResult,
} from '../../server/src/protocol';
import { repoRoot } from '../helpers/paths';
import { LspSession, positionOf, uriOf } from './lspHarness';

const seeds = path.join(repoRoot, 'examples', 'seeds');
const seed = (file: string): { uri: string; text: string } => ({ uri: uriOf(path.join(seeds, file)), text: fs.readFileSync(path.join(seeds, file), 'utf8') });

describe('custom requests over LSP on examples/seeds', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start([seeds]);
  });
  after(() => session.dispose());

  it('simulates nslookup pod-a.headless1 from request-pod', async () => {
    const result = await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: seed('request-pod.yaml').uri, name: 'pod-a.headless1', from: { namespace: 'default', pod: 'request-pod' } });
    assert.deepEqual({ ...result, transcript: undefined }, {
      query: 'pod-a.headless1',
      type: 'A',
      from: 'default/request-pod',
      tried: [{ name: 'pod-a.headless1.default.svc.cluster.local.', rcode: 'NOERROR' }],
      rcode: 'NOERROR',
      answers: [{ name: 'pod-a.headless1.default.svc.cluster.local.', type: 'A', ttl: 30, data: '10.244.177.231' }],
      upstream: false,
      transcript: undefined,
    });
    assert.equal(result.transcript, [
      '$ kubectl exec -n default request-pod -- nslookup pod-a.headless1',
      'Server:\t\t10.96.0.10',
      'Address:\t10.96.0.10#53',
      '',
      'Name:\tpod-a.headless1.default.svc.cluster.local',
      'Address: 10.244.177.231 (simulated)',
      '',
      ';; kube-lookup: A lookup from Pod default/request-pod (dnsPolicy ClusterFirst), coredns profile, glibc resolver',
      ';; resolv.conf: search default.svc.cluster.local svc.cluster.local cluster.local; nameserver 10.96.0.10; options ndots:5',
      ';; pod-a.headless1 has 1 dot (< ndots 5): each search domain first, the name as given last (glibc order)',
      ';; 1. pod-a.headless1.default.svc.cluster.local.  NOERROR',
      ';;      headless Service default/headless1 has 2 ready endpoints',
      ';;      pod-a is the hostname of endpoint 10.244.177.231 (Pod pod4, simulated)',
      ';; simulated: 10.244.177.231 — allocated by kube-lookup, not declared in the manifests',
      '',
    ].join('\n'));
  });

  it('asks from any Pod of a namespace, with a record type', async () => {
    const result = await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: seed('kubia.yaml').uri, name: 'kubia.default', type: 'SRV', from: { namespace: 'kube-system' } });
    assert.equal(result.from, 'kube-system/*');
    assert.deepEqual(result.tried, [
      { name: 'kubia.default.kube-system.svc.cluster.local.', rcode: 'NXDOMAIN' },
      { name: 'kubia.default.svc.cluster.local.', rcode: 'NOERROR' },
    ]);
    assert.deepEqual(result.answers.map((answer) => answer.data), ['0 50 80 kubia.default.svc.cluster.local.', '0 50 443 kubia.default.svc.cluster.local.']);
    assert.equal(result.transcript.split('\n')[0], '$ nslookup -type=SRV kubia.default    # from any Pod of namespace kube-system');
  });

  it('answers an error, not a crash, for a Pod that does not exist', async () => {
    const result = await session.request<SimulateNslookupResult | null>(SIMULATE_NSLOOKUP_REQUEST, { uri: seed('kubia.yaml').uri, name: 'kubia', from: { namespace: 'default', pod: 'no-such-pod' } });
    assert.equal(result, null);
    assert.ok(session.logs.some((message) => message.startsWith('nslookup failed: Error: no Pod default/no-such-pod in this workspace')), session.logs.join('\n'));
    const after = await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: seed('kubia.yaml').uri, name: 'kubia', from: { namespace: 'default' } });
    assert.equal(after.rcode, 'NOERROR');
  });

  it('contains a failing handler: it logs, answers its fallback, and the server keeps serving', async () => {
    const broken = await session.request<RecordsResult>(RECORDS_REQUEST, { uri: seed('kubia.yaml').uri });
    assert.deepEqual(broken, { object: '', records: [], text: '' });
    assert.ok(session.logs.some((message) => message.startsWith('records failed: ')), session.logs.join('\n'));
    const { uri, text } = seed('kubia.yaml');
    const working = await session.request<RecordsResult>(RECORDS_REQUEST, { uri, position: positionOf(text, 'name: kubia', 7) });
    assert.equal(working.object, 'Service default/kubia');
  });

  it('shows the records of the object under the cursor', async () => {
    const { uri, text } = seed('headless1.yaml');
    const result = await session.request<RecordsResult>(RECORDS_REQUEST, { uri, position: positionOf(text, 'clusterIP: None', 2) });
    assert.equal(result.object, 'Service default/headless1');
    assert.deepEqual(result.records.map((record) => `${record.name} ${record.type} ${record.data}`), [
      'headless1.default.svc.cluster.local. A 10.244.177.231',
      'headless1.default.svc.cluster.local. A 10.244.177.232',
      'pod-a.headless1.default.svc.cluster.local. A 10.244.177.231',
      'pod-b.headless1.default.svc.cluster.local. A 10.244.177.232',
      '231.177.244.10.in-addr.arpa. PTR pod-a.headless1.default.svc.cluster.local.',
      '232.177.244.10.in-addr.arpa. PTR pod-b.headless1.default.svc.cluster.local.',
    ]);
    assert.equal(result.text.split('\n')[0], '; DNS records of Service default/headless1 (zone cluster.local, coredns profile)');
    const pod = await session.request<RecordsResult>(RECORDS_REQUEST, { uri, position: positionOf(text, 'name: pod5', 7) });
    assert.deepEqual(pod.records.map((record) => record.name), ['headless1.default.svc.cluster.local.', 'pod-b.headless1.default.svc.cluster.local.', '232.177.244.10.in-addr.arpa.']);
  });

  it('shows the service environment variables of the Pod under the cursor', async () => {
    const { uri, text } = seed('request-pod.yaml');
    const result = await session.request<ServiceEnvironmentResult>(SERVICE_ENVIRONMENT_REQUEST, { uri, position: positionOf(text, 'image: kubetm', 2) });
    assert.equal(result.pod, 'Pod default/request-pod');
    const variables = Object.fromEntries(result.variables.map((variable) => [variable.name, variable.value]));
    assert.equal(variables.KUBIA_SERVICE_HOST, '10.106.223.42');
    assert.equal(variables.KUBIA_SERVICE_PORT_HTTPS, '443');
    assert.equal(variables.KUBIA_PORT_443_TCP, 'tcp://10.106.223.42:443');
    assert.equal(variables.KUBERNETES_SERVICE_HOST, '10.96.0.1');
    assert.equal(variables.HEADLESS1_SERVICE_HOST, undefined);
    assert.match(result.text, /^# service environment variables of Pod default\/request-pod\n/);
    const nothing = await session.request<ServiceEnvironmentResult>(SERVICE_ENVIRONMENT_REQUEST, { uri: seed('externalname1.yaml').uri, position: { line: 4, character: 9 } });
    assert.equal(nothing.pod, '');
  });

  it('lists Pods by namespace for the picker and names the Pod under the cursor', async () => {
    const { uri, text } = seed('kubia.yaml');
    const result = await session.request<PodsResult>(PODS_REQUEST, { uri, position: positionOf(text, 'replicas: 3', 2) });
    assert.deepEqual(result.namespaces.map((entry) => `${entry.namespace}: ${entry.pods.length} Pods, ${entry.services.length} Services`), [
      'default: 9 Pods, 7 Services',
      'kube-node-lease: 0 Pods, 0 Services',
      'kube-public: 0 Pods, 0 Services',
      'kube-system: 0 Pods, 0 Services',
    ]);
    assert.deepEqual(result.podAtPosition, { namespace: 'default', name: 'kubia-j59rt' });
  });
});
