import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionToJson, parseConnectTarget, simulateConnection } from '../../../server/src/core/connect/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { networkPolicyOf } from '../../../server/src/core/policy/index';
import { lines, modelOf } from '../../helpers/modelFrom';

/**
 * One test per NetworkPolicy rule of the API documentation (kubernetes.io "Network Policies" and
 * the networking.k8s.io/v1 reference), each asserting the connect verdict and the policy that decided.
 */

const pod = (namespace: string, name: string, labels: string, ip: string, extra = ''): string => lines(
  'apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}, namespace: ${namespace}, labels: {${labels}}}`,
  'spec:', '  containers:', '  - name: app', '    image: example/app', '    ports:', '    - {name: http, containerPort: 8080}', '    - {name: metrics, containerPort: 9090}',
  ...(extra ? [extra] : []), `status: {podIP: ${ip}}`,
);

const CLUSTER = [
  lines('apiVersion: v1', 'kind: Namespace', 'metadata: {name: shop, labels: {team: shop}}'),
  lines('apiVersion: v1', 'kind: Namespace', 'metadata: {name: ops, labels: {team: ops}}'),
  pod('shop', 'client', 'app: client', '10.244.1.10'),
  pod('shop', 'web', 'app: web', '10.244.1.20'),
  pod('ops', 'probe', 'app: probe', '10.244.2.10'),
  pod('ops', 'other', 'app: client', '10.244.2.11'),
  lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web, namespace: shop}', 'spec:', '  clusterIP: 10.96.0.50', '  selector: {app: web}', '  ports:', '  - {name: web, port: 80, targetPort: http}'),
].join('---\n');

/** Every Pod of the namespace may ask the cluster DNS. */
const ALLOW_DNS = (namespace: string): string => lines(
  'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', `metadata: {name: allow-dns, namespace: ${namespace}}`,
  'spec:', '  podSelector: {}', '  policyTypes: [Egress]', '  egress:', '  - to:',
  '    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}', '      podSelector: {matchLabels: {k8s-app: kube-dns}}',
  '    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]',
);

function policy(namespace: string, name: string, spec: string): string {
  return lines('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', `metadata: {name: ${name}, namespace: ${namespace}}`, 'spec:', ...spec.split('\n').map((line) => `  ${line}`));
}

function cluster(...policies: string[]): ClusterModel {
  return modelOf({ 'cluster.yaml': [CLUSTER, ...policies].join('---\n') });
}

interface Decision { allowed: boolean; isolated: boolean; policy: string | null; rule: string | null; reason: string }
interface Report { verdict: string; reasons: string[]; backends: { pod: string; port: number; allowed: boolean; decidedBy: { egress: Decision; ingress: Decision } | null }[]; dnsPolicy: { blocked: boolean; udp: { allowed: boolean; egress: Decision; ingress: Decision }; tcp: { allowed: boolean; egress: Decision } } | null }

function connect(model: ClusterModel, from: string, target: string, protocol = 'TCP'): Report {
  const [namespace, name] = from.split('/');
  const source = model.podsIn(namespace).find((candidate) => candidate.name === name);
  assert.ok(source, `no Pod ${from}`);
  const parsed = parseConnectTarget(target);
  assert.ok(typeof parsed !== 'string', String(parsed));
  return connectionToJson(simulateConnection(model, source, parsed, protocol)) as Report;
}

describe('NetworkPolicy: isolation and defaults', () => {
  it('a Pod no policy selects is not isolated: connected, nothing decided', () => {
    const report = connect(cluster(), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'connected');
    assert.deepEqual(report.backends.map((backend) => [backend.pod, backend.port, backend.decidedBy?.egress.policy, backend.decidedBy?.ingress.policy]), [['shop/web', 8080, null, null]]);
    assert.match(report.reasons[0], /assuming kubeadm's CoreDNS Pods \(namespace kube-system, label k8s-app=kube-dns, ports 53\/UDP dns, 53\/TCP dns-tcp, 9153\/TCP metrics\)/);
  });

  it('default deny all ingress (podSelector {} and no rules): ingress-denied by it', () => {
    const report = connect(cluster(policy('shop', 'default-deny-ingress', 'podSelector: {}\npolicyTypes: [Ingress]')), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'ingress-denied');
    assert.deepEqual(report.backends[0].decidedBy?.ingress, { allowed: false, isolated: true, policy: 'shop/default-deny-ingress', rule: null, reason: 'NetworkPolicy shop/default-deny-ingress selects shop/web for Ingress and no rule allows 8080/TCP from shop/client' });
    assert.equal(report.backends[0].decidedBy?.egress.isolated, false);
  });

  it('default deny all egress, DNS allowed: egress-denied by the default deny', () => {
    const report = connect(cluster(policy('shop', 'default-deny-egress', 'podSelector: {}\npolicyTypes: [Egress]'), ALLOW_DNS('shop')), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'egress-denied');
    assert.equal(report.backends[0].decidedBy?.egress.policy, 'shop/default-deny-egress');
    assert.match(report.backends[0].decidedBy!.egress.reason, /NetworkPolicy shop\/default-deny-egress, shop\/allow-dns select shop\/client for Egress and no rule allows 8080\/TCP to shop\/web/);
  });

  it('policyTypes defaults: Ingress always, Egress when the policy has egress rules', () => {
    const withEgress = cluster(policy('shop', 'client-egress', 'podSelector: {matchLabels: {app: client}}\negress:\n- to: [{podSelector: {matchLabels: {app: web}}}]'));
    const view = networkPolicyOf(withEgress.objectsOfKind('NetworkPolicy')[0]);
    assert.deepEqual([view.policyTypes, view.policyTypesDefaulted], [['ingress', 'egress'], true]);
    // egress isolated by the defaulted Egress: DNS is not among its rules
    const blocked = connect(withEgress, 'shop/client', 'web:80');
    assert.equal(blocked.verdict, 'dns-blocked');
    assert.equal(blocked.dnsPolicy?.udp.egress.policy, 'shop/client-egress');
    // ... and ingress isolated too: the client now takes no connection
    assert.equal(connect(withEgress, 'ops/probe', '10.244.1.10:8080').verdict, 'ingress-denied');
    // an empty egress list adds no Egress: only ingress is isolated
    const emptyEgress = cluster(policy('shop', 'ingress-only', 'podSelector: {matchLabels: {app: client}}\negress: []'));
    assert.deepEqual(networkPolicyOf(emptyEgress.objectsOfKind('NetworkPolicy')[0]).policyTypes, ['ingress']);
    assert.equal(connect(emptyEgress, 'shop/client', 'web:80').verdict, 'connected');
    // written policyTypes win: ingress rules of an Egress-only policy isolate nothing
    const egressOnly = cluster(policy('shop', 'egress-only', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\ningress: []'));
    const report = connect(egressOnly, 'shop/client', 'web:80');
    assert.equal(report.verdict, 'connected');
    assert.equal(report.backends[0].decidedBy?.ingress.isolated, false);
  });

  it('several policies add up: either one allowing is enough, and the first that allows decides', () => {
    const model = cluster(
      policy('shop', 'web-from-client', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]'),
      policy('shop', 'web-from-ops', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}}]'),
    );
    const fromClient = connect(model, 'shop/client', 'web:80');
    assert.deepEqual([fromClient.verdict, fromClient.backends[0].decidedBy?.ingress.policy, fromClient.backends[0].decidedBy?.ingress.rule], ['connected', 'shop/web-from-client', 'ingress[0] (from[0], any port)']);
    const fromOps = connect(model, 'ops/probe', 'web.shop:80');
    assert.deepEqual([fromOps.verdict, fromOps.backends[0].decidedBy?.ingress.policy], ['connected', 'shop/web-from-ops']);
  });
});

describe('NetworkPolicy: peers', () => {
  it('podSelector alone selects Pods of the policy\'s own namespace only', () => {
    const model = cluster(policy('shop', 'web-from-client', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]'));
    assert.equal(connect(model, 'shop/client', 'web:80').verdict, 'connected');
    // ops/other carries app=client too, but in another namespace
    const other = connect(model, 'ops/other', 'web.shop:80');
    assert.deepEqual([other.verdict, other.backends[0].decidedBy?.ingress.policy], ['ingress-denied', 'shop/web-from-client']);
  });

  it('namespaceSelector selects every Pod of the namespaces whose labels match, kubernetes.io/metadata.name included', () => {
    const byTeam = cluster(policy('shop', 'web-from-ops', 'podSelector: {}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}}]'));
    assert.deepEqual(['ops/probe', 'ops/other', 'shop/client'].map((from) => connect(byTeam, from, 'web.shop:80').verdict), ['connected', 'connected', 'ingress-denied']);
    const byName = cluster(policy('shop', 'web-from-ops', 'podSelector: {}\ningress:\n- from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [ops]}]}}]'));
    const report = connect(byName, 'ops/probe', 'web.shop:80');
    assert.deepEqual([report.verdict, report.backends[0].decidedBy?.ingress.rule], ['connected', 'ingress[0] (from[0], any port)']);
  });

  it('namespaceSelector and podSelector in one entry: AND; in two entries: OR', () => {
    const both = cluster(policy('shop', 'web-from-ops-probe', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: ops}}\n    podSelector: {matchLabels: {app: probe}}'));
    assert.deepEqual(['ops/probe', 'ops/other', 'shop/client'].map((from) => connect(both, from, 'web.shop:80').verdict), ['connected', 'ingress-denied', 'ingress-denied']);
    const either = cluster(policy('shop', 'web-from-ops-or-probe', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: ops}}\n  - podSelector: {matchLabels: {app: client}}'));
    const reports = ['ops/probe', 'ops/other', 'shop/client'].map((from) => connect(either, from, 'web.shop:80'));
    assert.deepEqual(reports.map((report) => [report.verdict, report.backends[0].decidedBy?.ingress.rule]), [
      ['connected', 'ingress[0] (from[0], any port)'], ['connected', 'ingress[0] (from[0], any port)'], ['connected', 'ingress[0] (from[1], any port)'],
    ]);
  });

  it('ipBlock with except: the Pod IP after the Service\'s translation is what the block sees', () => {
    const block = (except: string) => cluster(ALLOW_DNS('shop'), policy('shop', 'client-to-pods', `podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 10.244.1.0/24, except: [${except}]}}]`));
    const excepted = connect(block('10.244.1.16/28'), 'shop/client', 'web:80');
    assert.deepEqual([excepted.verdict, excepted.backends[0].decidedBy?.egress.policy], ['egress-denied', 'shop/allow-dns']);
    const allowed = connect(block('10.244.1.128/25'), 'shop/client', 'web:80');
    assert.deepEqual([allowed.verdict, allowed.backends[0].decidedBy?.egress.policy, allowed.backends[0].decidedBy?.egress.rule], ['connected', 'shop/client-to-pods', 'egress[0] (to[0], any port)']);
    // the Service's cluster IP is not what the policy sees
    const serviceIp = cluster(ALLOW_DNS('shop'), policy('shop', 'client-to-service-ip', 'podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 10.96.0.50/32}}]'));
    assert.equal(connect(serviceIp, 'shop/client', 'web:80').verdict, 'egress-denied');
  });

  it('ipBlock to addresses outside the cluster: external when allowed, egress-denied when excepted', () => {
    const model = cluster(policy('shop', 'client-internet', 'podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]'));
    assert.equal(connect(model, 'shop/client', '203.0.113.5:443').verdict, 'external');
    assert.equal(connect(model, 'shop/client', '10.1.2.3:443').verdict, 'egress-denied');
    // 0.0.0.0/0 less 10.0.0.0/8 holds no Pod address: DNS to the (assumed) CoreDNS Pods is blocked
    assert.equal(connect(model, 'shop/client', 'web:80').verdict, 'dns-blocked');
  });
});

describe('NetworkPolicy: ports', () => {
  const ingressOn = (ports: string) => cluster(policy('shop', 'web-ports', `podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [${ports}]`));

  it('a named port is resolved on the destination Pod\'s container ports', () => {
    const report = connect(ingressOn('{port: http}'), 'shop/client', 'web:80');
    assert.deepEqual([report.verdict, report.backends[0].decidedBy?.ingress.rule], ['connected', 'ingress[0] (any source, ports[0])']);
    assert.equal(connect(ingressOn('{port: metrics}'), 'shop/client', 'web:80').verdict, 'ingress-denied');
  });

  it('policies see the target port, not the Service port', () => {
    assert.equal(connect(ingressOn('{port: 80}'), 'shop/client', 'web:80').verdict, 'ingress-denied');
    assert.equal(connect(ingressOn('{port: 8080}'), 'shop/client', 'web:80').verdict, 'connected');
  });

  it('endPort makes a range, inclusive', () => {
    assert.equal(connect(ingressOn('{port: 8000, endPort: 8080}'), 'shop/client', 'web:80').verdict, 'connected');
    const outside = connect(ingressOn('{port: 8081, endPort: 8100}'), 'shop/client', 'web:80');
    assert.deepEqual([outside.verdict, outside.backends[0].decidedBy?.ingress.policy], ['ingress-denied', 'shop/web-ports']);
  });

  it('the protocol defaults to TCP and must match', () => {
    assert.equal(connect(ingressOn('{port: 8080}'), 'shop/client', '10.244.1.20:8080', 'UDP').verdict, 'no-such-port');
    assert.equal(connect(ingressOn('{protocol: UDP, port: 8080}'), 'shop/client', 'web:80').verdict, 'ingress-denied');
  });
});

describe('NetworkPolicy: the cluster DNS', () => {
  const denyEgress = policy('shop', 'default-deny-egress', 'podSelector: {}\npolicyTypes: [Egress]');

  it('a default-deny egress policy blocks DNS: dns-blocked, decided by it', () => {
    const report = connect(cluster(denyEgress), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'dns-blocked');
    assert.deepEqual([report.dnsPolicy?.blocked, report.dnsPolicy?.udp.egress.policy, report.dnsPolicy?.udp.egress.rule], [true, 'shop/default-deny-egress', null]);
    assert.match(report.reasons[1], /cannot reach the cluster DNS on UDP 53 .*every lookup times out/);
    // an address needs no lookup
    assert.equal(connect(cluster(denyEgress), 'shop/client', '10.96.0.50:80').verdict, 'egress-denied');
  });

  it('DNS allowed only by UDP: the lookup works, large answers over TCP would not', () => {
    const udpOnly = policy('shop', 'dns-udp', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports: [{protocol: UDP, port: 53}]');
    const report = connect(cluster(denyEgress, udpOnly, policy('shop', 'client-web', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [{podSelector: {matchLabels: {app: web}}}]')), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'connected');
    assert.deepEqual([report.dnsPolicy?.udp.allowed, report.dnsPolicy?.udp.egress.policy, report.dnsPolicy?.udp.egress.rule, report.dnsPolicy?.tcp.allowed], [true, 'shop/dns-udp', 'egress[0] (any destination, ports[0])', false]);
    assert.ok(report.reasons.some((reason) => /TCP 53 is denied .*truncated/.test(reason)));
  });

  it('DNS allowed only by TCP is still blocked: resolvers ask over UDP first', () => {
    const tcpOnly = policy('shop', 'dns-tcp', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports: [{protocol: TCP, port: 53}]');
    const report = connect(cluster(tcpOnly), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'dns-blocked');
    assert.equal(report.dnsPolicy?.udp.egress.policy, 'shop/dns-tcp');
  });

  it('declared CoreDNS Pods are used, and their own ingress policies count', () => {
    const coredns = pod('kube-system', 'coredns-0', 'k8s-app: kube-dns', '10.244.0.53');
    const denyDnsIngress = policy('kube-system', 'deny-all', 'podSelector: {}');
    const report = connect(cluster(coredns, denyDnsIngress), 'shop/client', 'web:80');
    assert.equal(report.verdict, 'dns-blocked');
    assert.deepEqual([report.dnsPolicy?.udp.egress.isolated, report.dnsPolicy?.udp.ingress.policy], [false, 'kube-system/deny-all']);
    assert.ok(!report.reasons.some((reason) => /assuming kubeadm/.test(reason)));
    // an ipBlock on the declared Pod's address reaches it
    const byAddress = policy('shop', 'dns-by-ip', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 10.244.0.53/32}}]\n  ports: [{protocol: UDP, port: 53}]');
    const toWeb = policy('shop', 'to-web', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [{podSelector: {matchLabels: {app: web}}}]');
    const reached = connect(cluster(coredns, byAddress, toWeb), 'shop/client', 'web:80');
    assert.deepEqual([reached.verdict, reached.dnsPolicy?.udp.egress.policy, reached.backends[0].decidedBy?.egress.policy], ['connected', 'shop/dns-by-ip', 'shop/to-web']);
  });
});

describe('NetworkPolicy: hostNetwork Pods', () => {
  it('are not subject to policies, either way', () => {
    const hostPod = pod('shop', 'agent', 'app: client', '192.168.0.11', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet');
    const model = cluster(hostPod, policy('shop', 'default-deny', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'));
    const out = connect(model, 'shop/agent', 'web:80');
    // its egress is free, the web Pod's ingress sees node traffic, which no podSelector matches
    assert.match(out.backends[0].decidedBy!.egress.reason, /uses hostNetwork: NetworkPolicy does not apply/);
    assert.equal(out.verdict, 'connected', 'traffic from the Pod\'s own node is always allowed');
    const into = connect(model, 'shop/client', '192.168.0.11:8080');
    assert.equal(into.verdict, 'egress-denied');
    assert.match(into.backends[0].decidedBy!.ingress.reason, /uses hostNetwork/);
  });
});
