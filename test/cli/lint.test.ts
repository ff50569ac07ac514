import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, repoRoot } from '../helpers/paths';

interface JsonReport {
  files: number;
  objects: number;
  findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number }[];
}

function runCli(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kube-lookup lint', () => {
  it('reports each planted mistake in examples/broken once, at its line, and exits 1', () => {
    const { code, stdout } = runCli(['lint', 'examples/broken', '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as JsonReport;
    const found = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`);
    assert.deepEqual(found, [
      'examples/broken/broken-yaml/service.yaml:14:9 yaml-syntax',
      'examples/broken/endpoints-name-typo/database.yaml:11:7 endpoints-deprecated',
      'examples/broken/endpoints-name-typo/database.yaml:13:9 endpoints-without-service',
      'examples/broken/externalname-with-cluster-ip/service.yaml:11:14 service-cluster-ip-forbidden',
      'examples/broken/helm-template/deployment.yaml:5:9 templated-file',
      'examples/broken/selector-matches-other-namespace/app.yaml:8:3 service-selector-matches-nothing',
      'examples/broken/selector-typo/app.yaml:7:3 service-selector-matches-nothing',
      'examples/broken/subdomain-names-no-service/pod.yaml:21:14 subdomain-without-headless-service',
      'examples/broken/subdomain-service-not-headless/pod.yaml:20:14 subdomain-without-headless-service',
    ]);
    const typo = report.findings.find((finding) => finding.ruleId === 'endpoints-without-service')!;
    assert.equal(typo.endColumn - typo.column, 'databse'.length);
    assert.match(typo.message, /did you mean Service "database"/);
  });

  it('finds nothing at warning or error in the seed scenarios and exits 0', () => {
    const { code, stdout } = runCli(['lint', 'examples/seeds', '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').length, 0);
    assert.ok(report.objects >= 15, `objects: ${report.objects}`);
  });

  it('prints grouped text with rule ids and a summary', () => {
    const { code, stdout } = runCli(['lint', 'examples/broken/endpoints-name-typo']);
    assert.equal(code, 1);
    assert.match(stdout, /^examples\/broken\/endpoints-name-typo\/database\.yaml\n {2}11:7 {2}info {3}v1 Endpoints is deprecated/);
    assert.match(stdout, /\n {2}13:9 {2}error {2}Endpoints "databse"/);
    assert.match(stdout, /endpoints-without-service\n\n✖ 2 problems \(1 error, 0 warnings, 1 info\) in 1 file, 2 objects\n$/);
  });

  it('counts hints as hints in the summary, not as info', () => {
    const { stdout } = runCli(['lint', 'test/fixtures/rules/service-target-port-undeclared/invalid']);
    assert.match(stdout, /\n✖ 4 problems \(2 errors, 0 warnings, 2 hints\) in 1 file, 2 objects\n$/);
  });

  it('writes SARIF 2.1.0 with the rule catalogue', () => {
    const { stdout } = runCli(['lint', 'examples/broken/selector-typo', '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].ruleId, 'service-selector-matches-nothing');
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 7);
  });

  it('exits 2 with a one-line reason for a missing path, a bad option or a bad config', () => {
    const missing = runCli(['lint', 'no/such/folder']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'kube-lookup: no such file or folder: no/such/folder\n');
    const badFormat = runCli(['lint', '--format', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of text, json, sarif/);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-'));
    fs.writeFileSync(path.join(folder, 'bad.yaml'), 'clusterDomian: example.org\n');
    const badConfig = runCli(['lint', '--config', path.join(folder, 'bad.yaml'), 'examples/seeds']);
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /Unrecognized key.*clusterDomian/);
  });

  it('reports an unreadable file as skipped and lints the rest', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-'));
    fs.writeFileSync(path.join(folder, 'locked.yaml'), 'kind: Pod\n');
    fs.chmodSync(path.join(folder, 'locked.yaml'), 0);
    const { stdout } = runCli(['lint', folder, '--format', 'json']);
    assert.equal((JSON.parse(stdout) as JsonReport).findings[0].ruleId, 'file-skipped');
  });

  it('does not follow a symbolic link loop', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-'));
    fs.writeFileSync(path.join(folder, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n');
    fs.symlinkSync(folder, path.join(folder, 'loop'));
    const { code, stdout } = runCli(['lint', folder, '--format', 'json']);
    assert.equal(code, 0);
    assert.equal((JSON.parse(stdout) as JsonReport).files, 1);
  });

  it('follows a link out of the folders given only when the link itself is named', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-'));
    try {
      fs.writeFileSync(path.join(outside, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: outside}\nspec: {type: Outside, ports: [{port: 80}]}\n');
      fs.mkdirSync(path.join(folder, 'apps'));
      fs.symlinkSync(path.join(outside, 'svc.yaml'), path.join(folder, 'apps', 'link.yaml'));
      // a folder reached through a link is analysed as what it is: the files below it are inside
      fs.symlinkSync(path.join(folder, 'apps'), path.join(outside, 'apps-link'));
      const walked = JSON.parse(runCli(['lint', '.', '--format', 'json'], folder).stdout) as JsonReport;
      assert.deepEqual(walked.findings.map((finding) => `${finding.file} ${finding.ruleId}: ${finding.message}`), [
        `apps/link.yaml file-skipped: File skipped: it is a link to ${path.join(fs.realpathSync(outside), 'svc.yaml')}, outside the folders analysed; such links are not followed.`,
      ]);
      assert.equal(walked.objects, 0);
      // named, or inside another folder given, it is read
      for (const args of [['apps/link.yaml'], ['apps', outside]]) {
        const named = JSON.parse(runCli(['lint', ...args, '--format', 'json'], folder).stdout) as JsonReport;
        assert.ok(named.findings.some((finding) => finding.file === 'apps/link.yaml' && finding.ruleId === 'service-type-unsupported'), args.join(' '));
      }
      const throughLink = JSON.parse(runCli(['lint', path.join(outside, 'apps-link'), '--format', 'json'], folder).stdout) as JsonReport;
      assert.equal(throughLink.findings[0].ruleId, 'file-skipped');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
