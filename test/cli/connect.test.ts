import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, repoRoot } from '../helpers/paths';

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const json = (args: string[]) => {
  const { code, stdout } = runCli([...args, '--format', 'json']);
  return { code, report: JSON.parse(stdout) };
};

describe('kube-lookup connect', () => {
  it('examples/networkpolicy, dns-blocked: the default-deny egress also blocks DNS; exit 1', () => {
    const { code, stdout } = runCli(['connect', 'http://web:8080/', '--from', 'netpol-broken/client', 'examples/networkpolicy']);
    assert.equal(code, 1);
    assert.match(stdout, /^connect http:\/\/web:8080\/ from netpol-broken\/client-[a-z0-9]+-[a-z0-9]{5} \(TCP\)\n/);
    assert.match(stdout, /;; the workspace declares no cluster DNS Pods: assuming kubeadm's CoreDNS Pods/);
    assert.match(stdout, /;; DNS: netpol-broken\/client-\S+ cannot reach the cluster DNS on UDP 53 \(NetworkPolicy netpol-broken\/default-deny-egress, netpol-broken\/client-to-web select .* for Egress and no rule allows 53\/UDP to kube-system\/coredns \(assumed\)\): every lookup times out\n/);
    assert.match(stdout, /\nverdict: dns-blocked\n$/);
  });

  it('examples/networkpolicy, fixed: connected through the Service to both web Pods, each decision named; exit 0', () => {
    const { code, report } = json(['connect', 'http://web:8080/', '--from', 'netpol-fixed/client', 'examples/networkpolicy']);
    assert.equal(code, 0);
    assert.deepEqual(Object.keys(report), ['from', 'target', 'port', 'protocol', 'dns', 'dnsPolicy', 'address', 'service', 'backends', 'verdict', 'reasons']);
    assert.deepEqual([report.target, report.port, report.protocol, report.verdict], ['web', 8080, 'TCP', 'connected']);
    assert.deepEqual([report.dns.query, report.dns.rcode, report.dns.tried.map((tried: { name: string }) => tried.name)], ['web', 'NOERROR', ['web.netpol-fixed.svc.cluster.local.']]);
    assert.deepEqual([report.dnsPolicy.blocked, report.dnsPolicy.udp.egress.policy, report.dnsPolicy.udp.egress.rule], [false, 'netpol-fixed/allow-dns', 'egress[0] (to[0], ports[0])']);
    assert.deepEqual(report.service.port, { name: 'http', port: 8080, protocol: 'TCP', targetPort: 'http' });
    assert.equal(report.backends.length, 2);
    for (const backend of report.backends) {
      assert.match(backend.pod, /^netpol-fixed\/web-/);
      assert.equal(backend.port, 80);
      assert.deepEqual([backend.allowed, backend.decidedBy.egress.policy, backend.decidedBy.ingress.policy, backend.decidedBy.ingress.rule], [true, 'netpol-fixed/client-to-web', 'netpol-fixed/web-from-client', 'ingress[0] (from[0], ports[0])']);
    }
  });

  it('a URL without a port takes the scheme\'s: http://web/ asks port 80, which the Service does not have', () => {
    const { code, report } = json(['connect', 'http://web/x', '--from', 'netpol-fixed/client', 'examples/networkpolicy']);
    assert.equal(code, 1);
    assert.deepEqual([report.port, report.verdict], [80, 'no-such-port']);
    assert.match(report.reasons.at(-1), /Service netpol-fixed\/web has no port 80\/TCP \(its ports: http 8080\/TCP\)/);
    // the port by name
    assert.equal(json(['connect', 'web:http', '--from', 'netpol-fixed/client', 'examples/networkpolicy']).report.verdict, 'connected');
  });

  it('the verdicts along the path, on the seed examples', () => {
    const verdictOf = (target: string, extra: string[] = []) => json(['connect', target, '--from', 'default/request-pod', ...extra, 'examples/seeds']).report.verdict;
    assert.equal(verdictOf('clusterip1:80'), 'connected');
    assert.equal(verdictOf('clusterip1:81'), 'no-such-port');
    assert.equal(verdictOf('pod-a.headless1:8080'), 'connected');
    assert.equal(verdictOf('externalname1:443'), 'external');
    assert.equal(verdictOf('nosuch:80'), 'dns-failed');
    assert.equal(verdictOf('kube-dns.kube-system:dns', ['--protocol', 'udp']), 'connected');
  });

  it('nslookup says when NetworkPolicy keeps the Pod from the cluster DNS', () => {
    const blocked = runCli(['nslookup', 'web', '--from', 'netpol-broken/client', 'examples/networkpolicy']);
    assert.match(blocked.stdout, /\n;; NetworkPolicy blocks DNS: NetworkPolicy netpol-broken\/default-deny-egress, netpol-broken\/client-to-web select \S+ for Egress and no rule allows 53\/UDP to kube-system\/coredns \(assumed\); in the cluster this lookup times out/);
    const report = JSON.parse(runCli(['nslookup', 'web', '--from', 'netpol-broken/client', '--format', 'json', 'examples/networkpolicy']).stdout);
    assert.match(report.networkPolicy, /^NetworkPolicy blocks DNS: /);
    const fixed = JSON.parse(runCli(['nslookup', 'web', '--from', 'netpol-fixed/client', '--format', 'json', 'examples/networkpolicy']).stdout);
    assert.equal(fixed.networkPolicy, undefined);
  });

  it('the README\'s worked examples are what the CLI prints', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```text\n\$ kube-lookup (connect [^\n]+)\n([\s\S]*?)```/g)];
    assert.equal(examples.length, 2);
    for (const [, command, printed] of examples) assert.equal(runCli(command.split(' ')).stdout, printed, command);
  });

  it('usage errors exit 2 with the reason', () => {
    const noFrom = runCli(['connect', 'web:80', 'examples/networkpolicy']);
    assert.deepEqual([noFrom.code, noFrom.stderr], [2, 'kube-lookup: connect needs --from NAMESPACE/POD: the Pod the connection starts from\n']);
    const noPort = runCli(['connect', 'web', '--from', 'netpol-fixed/client', 'examples/networkpolicy']);
    assert.equal(noPort.code, 2);
    assert.match(noPort.stderr, /"web" names no port: write HOST:PORT/);
    const protocol = runCli(['connect', 'web:80', '--protocol', 'ICMP', '--from', 'netpol-fixed/client', 'examples/networkpolicy']);
    assert.deepEqual([protocol.code, protocol.stderr], [2, 'kube-lookup: --protocol must be one of TCP, UDP, SCTP, not "ICMP"\n']);
  });

  it('--cluster picks the apply unit', () => {
    assert.equal(json(['connect', 'web:8080', '--from', 'netpol-fixed/client', '--cluster', 'plain', 'examples/networkpolicy']).report.verdict, 'connected');
    assert.equal(runCli(['connect', 'web:8080', '--from', 'netpol-fixed/client', '--cluster', 'nope', 'examples/networkpolicy']).code, 2);
  });
});
