import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion, clusterRecords, podResolvConf, type QueryType } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { lines, modelOf } from '../../helpers/modelFrom';

/** `RCODE` then one `name type data` line per answer. */
function ask(model: ClusterModel, name: string, type: QueryType = 'A'): string[] {
  const answer = answerQuestion(model, name, type);
  return [answer.rcode, ...answer.answers.map((entry) => `${entry.name} ${entry.type} ${entry.data}`)];
}

/** Corner cases checked against CoreDNS's kubernetes plugin and the controllers that feed it. */
describe('DNS fidelity: corner cases of endpoint names', () => {
  it('anchors §2.3 endpointHostname: an IPv6 address ending in :: is named with a trailing 0 (fd00--0)', () => {
    const model = modelOf({
      'a.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: v6}', 'spec: {clusterIP: None, ipFamilies: [IPv6], ports: [{name: http, port: 80}]}',
        '---', 'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: v6-1, labels: {kubernetes.io/service-name: v6}}',
        'addressType: IPv6', 'ports: [{name: http, port: 80}]', 'endpoints:', '- addresses: ["fd00::"]',
      ),
    });
    assert.deepEqual(ask(model, 'fd00--0.v6.default.svc.cluster.local.', 'AAAA'), ['NOERROR', 'fd00--0.v6.default.svc.cluster.local. AAAA fd00::']);
    assert.deepEqual(ask(model, '_http._tcp.v6.default.svc.cluster.local.', 'SRV'), ['NOERROR', '_http._tcp.v6.default.svc.cluster.local. SRV 0 100 80 fd00--0.v6.default.svc.cluster.local.']);
    const ptr = clusterRecords(model).filter((entry) => entry.type === 'PTR').map((entry) => entry.data);
    assert.deepEqual(ptr, ['fd00--0.v6.default.svc.cluster.local.']);
  });

  it('anchors §2.1 endpoint_pod_names: the endpoint is named after its targetRef, even a Pod the manifests do not declare', () => {
    const model = modelOf({
      'a.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: ext}', 'spec: {clusterIP: None, ports: [{name: http, port: 80}]}',
        '---', 'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: ext-1, labels: {kubernetes.io/service-name: ext}}',
        'addressType: IPv4', 'ports: [{name: http, port: 80}]', 'endpoints:', '- addresses: [192.0.2.7]', '  targetRef: {kind: Pod, name: elsewhere-0}',
      ),
    }, { endpointPodNames: true });
    assert.deepEqual(ask(model, 'elsewhere-0.ext.default.svc.cluster.local.'), ['NOERROR', 'elsewhere-0.ext.default.svc.cluster.local. A 192.0.2.7']);
    assert.deepEqual(ask(model, '7.2.0.192.in-addr.arpa.', 'PTR'), ['NOERROR', '7.2.0.192.in-addr.arpa. PTR elsewhere-0.ext.default.svc.cluster.local.']);
  });
});

describe('DNS fidelity: kubelet resolv.conf corner cases (anchors §1.3)', () => {
  it('the node\'s search line is parsed as kubelet parses it: "." dropped, trailing dots trimmed', () => {
    const model = modelOf({
      'p.yaml': lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: host}', 'spec: {dnsPolicy: Default, containers: [{name: c}]}'),
    }, { nodeResolvConf: { nameservers: ['192.168.0.1'], searches: ['corp.example.', '.', 'cluster.local'], options: [] } });
    assert.deepEqual(podResolvConf(model.settings, { namespace: 'default' }).searches, ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example']);
    const pod = model.podsIn('default')[0];
    assert.deepEqual(podResolvConf(model.settings, { pod, namespace: 'default' }).searches, ['corp.example', 'cluster.local']);
  });
});
