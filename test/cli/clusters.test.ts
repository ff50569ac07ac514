import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, fixturesRoot } from '../helpers/paths';

const overlays = path.join(fixturesRoot, 'repositories', 'kustomize-overlays');

function runCli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kube-lookup clusters and --cluster', () => {
  it('lists each Kustomize root with its files, support files and remote bases', () => {
    const { code, stdout } = runCli(['clusters', '--format', 'json'], overlays);
    assert.equal(code, 0);
    const { clusters } = JSON.parse(stdout) as { clusters: { name: string; kind: string; files: { file: string }[]; support: string[]; remote: string[] }[] };
    assert.deepEqual(clusters.map((unit) => unit.name), ['overlays/prod', 'overlays/remote', 'overlays/staging']);
    assert.deepEqual(clusters[0].files.map((entry) => entry.file), ['base/deployment.yaml', 'base/service.yaml']);
    assert.ok(clusters[0].support.includes('overlays/prod/replicas.yaml'));
    assert.deepEqual(clusters[1].remote, ['github.com/example/platform//deploy/base?ref=v1.2.0']);
  });

  it('lints one cluster with --cluster and names the clusters of each finding in JSON', () => {
    const all = JSON.parse(runCli(['lint', '--format', 'json'], overlays).stdout) as { findings: { ruleId: string; file: string; message: string; clusters: string[] }[] };
    // overlays/remote has a remote base: it is not the whole cluster, so it checks no cross-object rule, and does not disagree
    // (whether the roots were rendered, and why not, is rendering.test.ts's matter)
    all.findings = all.findings.filter((finding) => finding.ruleId !== 'kustomize-not-rendered');
    assert.deepEqual(all.findings.map((finding) => [finding.file, finding.clusters]), [
      ['base/service.yaml', ['overlays/prod', 'overlays/staging']],
      ['overlays/staging/metrics-service.yaml', ['overlays/staging']],
    ]);
    assert.doesNotMatch(all.findings[0].message, /\(in cluster/);
    const prod = JSON.parse(runCli(['lint', '--cluster', 'overlays/prod', '--format', 'json'], overlays).stdout) as { findings: { file: string }[] };
    assert.deepEqual(prod.findings.map((finding) => finding.file), ['base/service.yaml']);
    const unknown = runCli(['lint', '--cluster', 'overlays/qa'], overlays);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no cluster named "overlays\/qa"; the clusters here are "overlays\/prod", "overlays\/remote", "overlays\/staging"/);
  });

  it('asks for --cluster when a lookup could run in several clusters', () => {
    const ambiguous = runCli(['records'], overlays);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /the manifests hold 3 clusters \(overlays\/prod, overlays\/remote, overlays\/staging\); pick one with --cluster NAME/);
    const chosen = runCli(['nslookup', 'web-metrics', '--cluster', 'overlays/staging', '--format', 'json'], overlays);
    assert.equal(chosen.code, 0, chosen.stderr);
    const missing = runCli(['nslookup', 'web-metrics', '--cluster', 'overlays/prod', '--format', 'json'], overlays);
    assert.equal(JSON.parse(missing.stdout).rcode, 'NXDOMAIN');
  });

  it('takes clusters: from the settings, with settings of their own, and names a finding that only one cluster of its file gives', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-clusters-'));
    fs.writeFileSync(path.join(folder, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n');
    fs.writeFileSync(path.join(folder, 'web-v1.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]\n');
    fs.writeFileSync(path.join(folder, 'web-v2.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers: [{name: web, image: web, ports: [{name: web, containerPort: 8080}]}]\n');
    fs.writeFileSync(path.join(folder, '.kube-lookup.yaml'), 'clusters:\n- name: v1\n  include: [service.yaml, web-v1.yaml]\n- name: v2\n  include: [service.yaml, web-v2.yaml]\n  settings: {clusterDomain: v2.local}\n');
    const listed = JSON.parse(runCli(['clusters', '--format', 'json'], folder).stdout) as { clusters: { name: string; clusterDomain: string }[] };
    assert.deepEqual(listed.clusters.map((unit) => [unit.name, unit.clusterDomain]), [['v1', 'cluster.local'], ['v2', 'v2.local']]);
    const report = JSON.parse(runCli(['lint', '--format', 'json'], folder).stdout) as { findings: { ruleId: string; message: string; clusters: string[] }[] };
    const port = report.findings.filter((finding) => finding.ruleId === 'service-target-port-not-found');
    assert.equal(port.length, 1);
    assert.deepEqual(port[0].clusters, ['v2']);
    assert.match(port[0].message, /\(in cluster v2\)$/);
    fs.writeFileSync(path.join(folder, '.kube-lookup.yaml'), 'clusters:\n- name: v1\n- name: v1\n');
    const twice = runCli(['lint'], folder);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /clusters\[1\]\.name: cluster "v1" is named twice/);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
