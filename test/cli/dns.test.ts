import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { cliPath, repoRoot } from '../helpers/paths';

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CLUSTER = ['test/fixtures/clusters/dns/common', 'test/fixtures/clusters/dns/endpointslices'];

describe('kube-lookup nslookup', () => {
  it('answers a headless hostname from the seed examples as the demo shows, and exits 0', () => {
    const { code, stdout } = runCli(['nslookup', 'pod-a.headless1', '--from', 'default/request-pod', 'examples/seeds']);
    assert.equal(code, 0);
    assert.match(stdout, /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10#53\n\nName:\tpod-a\.headless1\.default\.svc\.cluster\.local\nAddress: 10\.244\.\d+\.\d+ \(simulated\)\n/);
    assert.match(stdout, /;; {6}headless Service default\/headless1 has 2 ready endpoints\n;; {6}pod-a is the hostname of endpoint 10\.244\.\d+\.\d+ \(Pod pod4, simulated\)\n/);
  });

  it('--from a workload asks from its first Pod', () => {
    const report = JSON.parse(runCli(['nslookup', 'kubia', '--from', 'default/kubia', '--format', 'json', 'examples/seeds']).stdout);
    assert.match(report.from, /^default\/kubia-[a-z0-9]{5}$/);
    assert.equal(report.rcode, 'NOERROR');
  });

  it('writes the JSON of the CLI contract', () => {
    const { code, stdout } = runCli(['nslookup', 'kubia.default', '--from', 'shop/client', '--format', 'json', ...CLUSTER]);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      query: 'kubia.default', type: 'A', from: 'shop/client',
      tried: [{ name: 'kubia.default.shop.svc.cluster.local.', rcode: 'NXDOMAIN' }, { name: 'kubia.default.svc.cluster.local.', rcode: 'NOERROR' }],
      rcode: 'NOERROR',
      answers: [{ name: 'kubia.default.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.0.50', simulated: false }],
      upstream: false,
    });
  });

  it('SRV data is "priority weight port target" and --namespace asks from a plain Pod there', () => {
    const { stdout } = runCli(['nslookup', '_http._tcp.api', '--type', 'srv', '--namespace', 'web', '--format', 'json', ...CLUSTER]);
    const report = JSON.parse(stdout);
    assert.equal(report.from, 'web');
    assert.deepEqual(report.answers.map((answer: { data: string }) => answer.data), ['0 100 80 api.web.svc.cluster.local.']);
  });

  it('an address asks for the PTR of its reverse name, as nslookup does', () => {
    const report = JSON.parse(runCli(['nslookup', '10.244.2.11', '--format', 'json', ...CLUSTER]).stdout);
    assert.deepEqual([report.query, report.type, report.answers[0].data], ['11.2.244.10.in-addr.arpa.', 'PTR', 'db-1.headless.default.svc.cluster.local.']);
    const v6 = JSON.parse(runCli(['nslookup', 'fd00:10:96::60', '--format', 'json', ...CLUSTER]).stdout);
    assert.equal(v6.answers[0].data, 'dual.default.svc.cluster.local.');
  });

  it('exits 1 with NXDOMAIN or NODATA', () => {
    const missing = runCli(['nslookup', 'lonely.default.svc.cluster.local.', ...CLUSTER]);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /\*\* server can't find lonely\.default\.svc\.cluster\.local\.: NXDOMAIN/);
    const nodata = runCli(['nslookup', 'kubia.default.svc.cluster.local.', '--type', 'AAAA', '--format', 'json', ...CLUSTER]);
    assert.equal(nodata.code, 1);
    assert.equal(JSON.parse(nodata.stdout).rcode, 'NODATA');
  });

  it('--dns-profile spec drops the CoreDNS extensions', () => {
    const coredns = runCli(['nslookup', 'kubia.default.svc.cluster.local.', '--type', 'SRV', '--format', 'json', ...CLUSTER]);
    assert.equal(JSON.parse(coredns.stdout).answers.length, 2);
    const spec = runCli(['nslookup', 'kubia.default.svc.cluster.local.', '--type', 'SRV', '--format', 'json', '--dns-profile', 'spec', ...CLUSTER]);
    assert.equal(JSON.parse(spec.stdout).rcode, 'NODATA');
  });

  it('--resolver nslookup exits 0 on NODATA like bind9\'s nslookup; glibc exits 1', () => {
    const args = ['nslookup', 'kubia', '--type', 'AAAA', '--format', 'json', ...CLUSTER];
    assert.equal(runCli(args).code, 1);
    const bind = runCli([...args, '--resolver', 'nslookup']);
    assert.equal(bind.code, 0);
    assert.deepEqual(JSON.parse(bind.stdout).tried, [{ name: 'kubia.default.svc.cluster.local.', rcode: 'NODATA' }]);
  });

  it('exits 2 with a one-line reason for a bad type, a missing name, an unknown Pod or two origins', () => {
    const cases: [string[], RegExp][] = [
      [['nslookup', 'kubia', '--type', 'MXX', ...CLUSTER], /--type: "MXX" is not a DNS record type/],
      [['nslookup', 'cluster.local.', '--type', 'axfr', ...CLUSTER], /--type: AXFR is not a question the simulator answers/],
      [['nslookup'], /nslookup needs a NAME/],
      [['nslookup', 'kubia', '--from', 'default/nobody', ...CLUSTER], /no Pod "default\/nobody" in the manifests \(Pods: /],
      [['nslookup', 'kubia', '--from', 'default/request-pod', '--namespace', 'shop', ...CLUSTER], /give --from or --namespace, not both/],
    ];
    for (const [args, reason] of cases) {
      const { code, stderr } = runCli(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, reason);
      assert.equal(stderr.split('\n').length, 2, stderr);
    }
  });
});

describe('kube-lookup records', () => {
  it('--format zone writes an RFC 1035 master file', () => {
    const { code, stdout } = runCli(['records', '--format', 'zone', ...CLUSTER]);
    assert.equal(code, 0);
    assert.match(stdout, /\n\$ORIGIN cluster\.local\.\n\$TTL 30\n@\t30\tIN\tSOA\t/);
    assert.match(stdout, /\ndb-1\.headless\.default\.svc\t30\tIN\tA\t10\.244\.2\.11\n/);
  });

  it('--format json lists every record with its source object and spec section', () => {
    const report = JSON.parse(runCli(['records', '--format', 'json', ...CLUSTER]).stdout);
    assert.equal(report.zone, 'cluster.local');
    assert.deepEqual(report.records.find((entry: { name: string }) => entry.name === 'api.web.svc.cluster.local.'), {
      name: 'api.web.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.1.10', simulated: false, section: '§2.3', source: { kind: 'Service', namespace: 'web', name: 'api' },
    });
  });

  it('text groups records by Service and honours --cluster-domain', () => {
    const { stdout } = runCli(['records', '--cluster-domain', 'example.org', ...CLUSTER]);
    assert.match(stdout, /^cluster\n {2}dns-version\.example\.org\. +28800 {2}TXT {4}"1\.1\.0"/);
    assert.match(stdout, /\nService web\/api\n {2}api\.web\.svc\.example\.org\. +30 {2}A {6}10\.96\.1\.10 +§2\.3\n/);
  });
});

describe('kube-lookup env', () => {
  it('prints the service variables of a Pod with the ordering caveat', () => {
    const { code, stdout } = runCli(['env', 'tools/toolbox', ...CLUSTER]);
    assert.equal(code, 0);
    assert.match(stdout, /^# service environment variables of Pod tools\/toolbox\n# kubelet sets these variables only for Services that exist when the container starts/);
    assert.match(stdout, /\nMETRICS_API_SERVICE_PORT_DNS=53\n/);
    assert.match(stdout, /\n# no variables for Service tools\/registry: headless Services \(clusterIP: None\) have no cluster IP\n$/);
  });

  it('finds a Pod by bare name and writes JSON', () => {
    const report = JSON.parse(runCli(['env', 'nolinks', '--format', 'json', ...CLUSTER]).stdout);
    assert.equal(report.pod, 'tools/nolinks');
    assert.equal(report.enableServiceLinks, false);
    assert.equal(report.variables[0].name, 'KUBERNETES_SERVICE_HOST');
  });
});
