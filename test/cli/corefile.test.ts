import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { cliPath, repoRoot } from '../helpers/paths';

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FOLDER = 'test/fixtures/corefile';
const CLUSTER = `${FOLDER}/cluster`;

describe('kube-lookup nslookup with a Corefile', () => {
  it('--corefile: authoritative reverse zones answer NXDOMAIN for an unknown PTR, naming the deciding line', () => {
    const { code, stdout } = runCli(['nslookup', '1.2.3.4', '--corefile', `${FOLDER}/Corefile`, CLUSTER]);
    assert.equal(code, 1);
    assert.match(stdout, /\*\* server can't find 4\.3\.2\.1\.in-addr\.arpa\.: NXDOMAIN/);
    assert.match(stdout, /;; kube-lookup: PTR lookup from a Pod in namespace default \(dnsPolicy ClusterFirst\), Corefile test\/fixtures\/corefile\/Corefile, glibc resolver/);
    assert.match(stdout, /NXDOMAIN from the kubernetes plugin \(test\/fixtures\/corefile\/Corefile:5\)/);
  });

  it('`corefile:` in the settings file is relative to that file', () => {
    const { code, stdout } = runCli(['nslookup', '1.2.3.4', '--config', `${FOLDER}/.kube-lookup.yaml`, '--format', 'json', CLUSTER]);
    assert.equal(code, 1);
    assert.equal(JSON.parse(stdout).rcode, 'NXDOMAIN');
  });

  it('a cluster of the settings file has a Corefile of its own', () => {
    const { code, stdout } = runCli(['nslookup', '1.2.3.4', '--config', `${FOLDER}/clusters.kube-lookup.yaml`, '--cluster', 'authoritative', '--format', 'json', CLUSTER]);
    assert.equal(code, 1);
    assert.equal(JSON.parse(stdout).rcode, 'NXDOMAIN');
  });

  it('a rewrite and a stub domain are honoured in the transcript', () => {
    const rewritten = runCli(['nslookup', 'db.example.com', '--corefile', `${FOLDER}/Corefile`, CLUSTER]);
    assert.equal(rewritten.code, 0);
    assert.match(rewritten.stdout, /Name:\tdb\.example\.com\nAddress: 10\.96\.0\.50\n/);
    assert.match(rewritten.stdout, /rewrite name exact db\.example\.com web\.default\.svc\.cluster\.local \(test\/fixtures\/corefile\/Corefile:4\) turns db\.example\.com into web\.default\.svc\.cluster\.local/);
    const stub = runCli(['nslookup', 'db.corp.example.', '--corefile', `${FOLDER}/Corefile`, CLUSTER]);
    assert.equal(stub.code, 1);
    assert.match(stub.stdout, /server block corp\.example \(test\/fixtures\/corefile\/Corefile:12\) takes the question\n;; {6}forward \. 10\.0\.0\.53 \(test\/fixtures\/corefile\/Corefile:13\) sends db\.corp\.example to 10\.0\.0\.53/);
  });

  it('without --corefile, the kube-system/coredns ConfigMap of the manifests answers, cited by manifest line', () => {
    const { code, stdout } = runCli(['nslookup', '1.2.3.4', CLUSTER]);
    assert.equal(code, 1);
    assert.match(stdout, /Corefile test\/fixtures\/corefile\/cluster\/coredns\.yaml \(ConfigMap kube-system\/coredns\)/);
    assert.match(stdout, /`fallthrough in-addr\.arpa ip6\.arpa` \(test\/fixtures\/corefile\/cluster\/coredns\.yaml:13\) passes the NXDOMAIN/);
    assert.match(stdout, /;; note: 1 part of the Corefile is not modelled \(first: line 16, plugin autopath is not modelled/);
  });

  it('a Corefile that cannot be read is a usage error', () => {
    const { code, stderr } = runCli(['nslookup', 'web', '--corefile', `${FOLDER}/no-such-Corefile`, CLUSTER]);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read Corefile test\/fixtures\/corefile\/no-such-Corefile/);
  });
});

describe('kube-lookup lint and the Corefile', () => {
  it('reports the parts of a Corefile given by --corefile on the Corefile itself', () => {
    const { stdout } = runCli(['lint', '--format', 'json', '--corefile', `${FOLDER}/Corefile`, CLUSTER]);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; file: string; line: number; column: number; endColumn: number; message: string }[] }).findings.filter((finding) => finding.ruleId === 'corefile-not-modelled');
    assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}-${finding.endColumn} ${finding.message}`).filter((line) => line.startsWith(`${FOLDER}/Corefile`)), [
      `${FOLDER}/Corefile:15:1-23 Corefile line 15: server block metrics.example:9153: port 9153 is not port 53, where the cluster DNS Service sends Pods' questions; kube-lookup's DNS answers leave it out.`,
    ]);
  });

  it('reports the parts of its Corefile the simulation does not model, at their line', () => {
    const { stdout } = runCli(['lint', '--format', 'json', CLUSTER]);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; line: number; column: number; message: string }[] }).findings.filter((finding) => finding.ruleId === 'corefile-not-modelled');
    assert.deepEqual(findings.map((finding) => `${finding.line}:${finding.column} ${finding.message}`), [
      '16:9 Corefile line 8: plugin autopath is not modelled (autopath answers a search-path walk on the server side); kube-lookup\'s DNS answers leave it out.',
    ]);
  });
});
