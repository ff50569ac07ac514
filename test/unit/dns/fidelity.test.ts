import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion, clusterRecords, podResolvConf, renderPodDnsMarkdown, resolveFrom, serviceEnvironment, type QueryType } from '../../../server/src/core/dns/index';
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
    const ptr = clusterRecords(model).filter((entry) => entry.type === 'PTR' && entry.service?.name === 'v6').map((entry) => entry.data);
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

describe('DNS fidelity: the Services every cluster has', () => {
  const model = modelOf({ 'web.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {clusterIP: 10.96.0.80, ports: [{port: 80}]}') });

  it('anchors §2.3 kubernetes.default answers the API server\'s cluster IP, the first address of the service CIDR', () => {
    assert.deepEqual(ask(model, 'kubernetes.default.svc.cluster.local.'), ['NOERROR', 'kubernetes.default.svc.cluster.local. A 10.96.0.1']);
    assert.deepEqual(ask(model, '_https._tcp.kubernetes.default.svc.cluster.local.', 'SRV'), ['NOERROR', '_https._tcp.kubernetes.default.svc.cluster.local. SRV 0 100 443 kubernetes.default.svc.cluster.local.']);
    assert.deepEqual(ask(model, '1.0.96.10.in-addr.arpa.', 'PTR'), ['NOERROR', '1.0.96.10.in-addr.arpa. PTR kubernetes.default.svc.cluster.local.']);
    const lookup = resolveFrom(model, { namespace: 'default' }, 'kubernetes.default', 'A');
    assert.deepEqual(lookup.tried.map((entry) => `${entry.name} ${entry.rcode}`), ['kubernetes.default.default.svc.cluster.local. NXDOMAIN', 'kubernetes.default.svc.cluster.local. NOERROR']);
  });

  it('anchors §2.3 kube-dns.kube-system answers the cluster DNS Service IP, with its dns and dns-tcp ports', () => {
    assert.deepEqual(ask(model, 'kube-dns.kube-system.svc.cluster.local.'), ['NOERROR', 'kube-dns.kube-system.svc.cluster.local. A 10.96.0.10']);
    assert.deepEqual(ask(model, '_dns._udp.kube-dns.kube-system.svc.cluster.local.', 'SRV'), ['NOERROR', '_dns._udp.kube-dns.kube-system.svc.cluster.local. SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.']);
    assert.deepEqual(ask(model, '10.0.96.10.in-addr.arpa.', 'PTR'), ['NOERROR', '10.0.96.10.in-addr.arpa. PTR kube-dns.kube-system.svc.cluster.local.']);
    const spec = modelOf({}, { dnsProfile: 'spec' });
    assert.deepEqual(ask(spec, 'kube-dns.kube-system.svc.cluster.local.'), ['NOERROR', 'kube-dns.kube-system.svc.cluster.local. A 10.96.0.10']);
  });

  it('kubelet envvars: a Pod in kube-system gets the kube-dns Service\'s variables', () => {
    const system = modelOf({ 'p.yaml': lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: tool, namespace: kube-system}', 'spec: {containers: [{name: c}]}') });
    const names = serviceEnvironment(system, system.podsIn('kube-system')[0]).variables.map((variable) => `${variable.name}=${variable.value}`);
    for (const expected of ['KUBE_DNS_SERVICE_HOST=10.96.0.10', 'KUBE_DNS_SERVICE_PORT=53', 'KUBE_DNS_SERVICE_PORT_DNS_TCP=53', 'KUBE_DNS_SERVICE_PORT_METRICS=9153', 'KUBE_DNS_PORT=udp://10.96.0.10:53']) assert.ok(names.includes(expected), expected);
  });

  it('a kubernetes Service the workspace declares replaces the built-in one', () => {
    const declared = modelOf({ 'k.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: kubernetes}', 'spec: {clusterIP: 10.96.0.99, ports: [{name: https, port: 443}]}') });
    assert.deepEqual(ask(declared, 'kubernetes.default.svc.cluster.local.'), ['NOERROR', 'kubernetes.default.svc.cluster.local. A 10.96.0.99']);
    assert.deepEqual(clusterRecords(declared).filter((entry) => entry.type === 'A').map((entry) => `${entry.name} ${entry.data}`), ['kubernetes.default.svc.cluster.local. 10.96.0.99', 'kube-dns.kube-system.svc.cluster.local. 10.96.0.10']);
  });
});

describe('DNS fidelity: pods verified (anchors §2.3 a-b-c-d.ns.pod.zone)', () => {
  const pod = (name: string, phase: string, ips: string) => lines(
    'apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}}`, 'spec: {containers: [{name: c}]}',
    'status:', `  phase: ${phase}`, `  podIPs: [${ips}]`,
  );
  const model = modelOf({
    'a.yaml': pod('dual', 'Running', '{ip: 10.244.7.1}, {ip: "fd00::7:1"}'),
    'b.yaml': pod('done', 'Succeeded', '{ip: 10.244.7.2}'),
  }, { pods: 'verified' });

  it('CoreDNS indexes only a Pod\'s primary IP (status.podIP), so a dual-stack Pod\'s second address is NXDOMAIN', () => {
    assert.deepEqual(ask(model, '10-244-7-1.default.pod.cluster.local.'), ['NOERROR', '10-244-7-1.default.pod.cluster.local. A 10.244.7.1']);
    assert.deepEqual(ask(model, 'fd00--7-1.default.pod.cluster.local.', 'AAAA'), ['NXDOMAIN']);
  });

  it('CoreDNS watches no Succeeded, Failed or Unknown Pod, so their addresses are NXDOMAIN', () => {
    assert.deepEqual(ask(model, '10-244-7-2.default.pod.cluster.local.'), ['NXDOMAIN']);
  });

  it('the Pod hover lists only the pod names CoreDNS answers', () => {
    const [done, dual] = [...model.podsIn('default')].sort((a, b) => a.name.localeCompare(b.name));
    const hover = renderPodDnsMarkdown(model, dual);
    assert.match(hover, /`10-244-7-1\.default\.pod\.cluster\.local` → 10\.244\.7\.1/);
    assert.doesNotMatch(hover, /fd00--7-1/);
    assert.doesNotMatch(renderPodDnsMarkdown(model, done), /\.pod\.cluster\.local/);
  });
});
