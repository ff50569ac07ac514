import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, fixturesRoot, repoRoot } from '../helpers/paths';

/**
 * Rendered output piped in: `helm template … | kube-lookup lint -` and `kustomize build … |
 * kube-lookup lint -`, with the output captured from each tool (fixtures/helm/captured/,
 * fixtures/rendering/captured/).
 */
interface JsonFinding { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endColumn: number; clusters: string[] }

const helmOutput = fs.readFileSync(path.join(fixturesRoot, 'helm', 'captured', 'web-shop.txt'), 'utf8');
const chart = path.join(fixturesRoot, 'helm', 'charts', 'web');

function run(cwd: string, input: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [cliPath, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
}

function lint(cwd: string, input: string, ...args: string[]): { files: number; objects: number; findings: JsonFinding[] } {
  const result = run(cwd, input, 'lint', '-', '--format', 'json', ...args);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout) as { files: number; objects: number; findings: JsonFinding[] };
}

const at = (finding: JsonFinding): string => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`;

describe('lint - (standard input)', () => {
  it('reads helm template output run in the chart folder onto the template lines', () => {
    const report = lint(chart, helmOutput);
    assert.deepEqual(report.findings.map(at), ['templates/metrics-service.yaml:12:3 service-selector-matches-nothing', 'templates/service.yaml:11:19 service-target-port-not-found']);
    // the output does not say which values files helm read: the chart's values.yaml says http, so no values line is named
    assert.match(report.findings[1].message, /\(rendered by helm: spec\.ports\[0\]\.targetPort is "htpp", from \.Values\.service\.targetPort\)$/);
    assert.deepEqual(report.findings[0].clusters, ['-']);
    assert.equal(report.objects, 3);
  });

  it('names the # Source: path as given where no such file is found, at the line of the rendered output', () => {
    const report = lint(repoRoot, helmOutput);
    assert.deepEqual(report.findings.map(at), ['web/templates/metrics-service.yaml:12:3 service-selector-matches-nothing', 'web/templates/service.yaml:16:19 service-target-port-not-found']);
    assert.doesNotMatch(report.findings[1].message, /rendered by helm/);
  });

  it('reads kustomize build output with origin annotations onto the files it names', () => {
    const captured = fs.readFileSync(path.join(fixturesRoot, 'rendering', 'captured', 'overlays-prod.txt'), 'utf8');
    const report = lint(path.join(fixturesRoot, 'rendering', 'overlays'), captured);
    const typo = report.findings.filter((finding) => finding.file === 'base/service.yaml' && finding.ruleId === 'service-target-port-not-found');
    // the base's `htp` at its line; `admn` below it is suppressed in the file as written; the values
    // the overlay's patches set land on the base's fields (or its name, for a port the patch adds),
    // with the rendered value: the output alone does not say which patch set them
    assert.deepEqual(typo.map((finding) => `${at(finding)} ${/\(rendered by kustomize: [^)]*\)$/.exec(finding.message)?.[0] ?? 'as written'}`), [
      'base/service.yaml:5:9 service-target-port-not-found (rendered by kustomize: spec.ports[0].targetPort is "httpss")',
      'base/service.yaml:10:17 service-target-port-not-found as written',
      'base/service.yaml:13:17 service-target-port-not-found (rendered by kustomize: spec.ports[2].targetPort is "metrix")',
    ]);
    assert.match(typo[1].message, /Deployment "prod-web"/);
  });

  it('reads plain manifests as <stdin>', () => {
    const report = lint(repoRoot, 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: databse\n');
    assert.deepEqual(report.findings.filter((finding) => finding.ruleId === 'endpoints-without-service').map(at), ['<stdin>:4:9 endpoints-without-service']);
  });

  it('reads the standard input beside folders, as a cluster of its own', () => {
    const report = lint(repoRoot, helmOutput, path.join('examples', 'seeds'));
    assert.ok(report.files > 1);
    assert.deepEqual(report.findings.filter((finding) => finding.severity !== 'info').map(at), ['web/templates/metrics-service.yaml:12:3 service-selector-matches-nothing', 'web/templates/service.yaml:16:19 service-target-port-not-found']);
  });

  it('skips standard input over maxFileSize with file-skipped, as a file', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-stdin-'));
    try {
      fs.writeFileSync(path.join(folder, '.kube-lookup.yaml'), 'maxFileSize: 1000\n');
      const small = lint(folder, helmOutput.slice(0, 900));
      assert.equal(small.findings.filter((finding) => finding.ruleId === 'file-skipped').length, 0);
      const report = lint(folder, helmOutput);
      assert.deepEqual(report.findings.map((finding) => `${at(finding)} ${finding.message}`), [`<stdin>:1:1 file-skipped File skipped: ${helmOutput.length} characters is over the limit of 1000 (setting maxFileSize).`]);
      const huge = lint(folder, 'x'.repeat(3001));
      assert.match(huge.findings[0].message, /^File skipped: the standard input holds more than 3000 bytes/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers nslookup, records, env, connect and map from the standard input', () => {
    const lookup = run(chart, helmOutput, 'nslookup', 'shop-web', '--format', 'json', '-');
    assert.equal(lookup.status, 0, lookup.stderr);
    assert.deepEqual((JSON.parse(lookup.stdout) as { answers: { name: string }[] }).answers.map((answer) => answer.name), ['shop-web.default.svc.cluster.local.']);
    const records = run(chart, helmOutput, 'records', '-');
    assert.equal(records.status, 0, records.stderr);
    assert.match(records.stdout, /^Service default\/shop-web$/m);
    // the map's nodes are placed on the templates' documents, as lint places findings
    const nodes = (JSON.parse(run(chart, helmOutput, 'map', '-').stdout) as { nodes: { kind: string; name: string; source: { file: string; line: number } | null }[] }).nodes;
    assert.deepEqual(nodes.filter((node) => node.kind !== 'containerPort').map((node) => `${node.kind} ${node.name} ${node.source?.file}:${node.source?.line}`), [
      'service shop-web templates/service.yaml:1',
      'service shop-web-metrics templates/metrics-service.yaml:2',
      'workload shop-web templates/deployment.yaml:1',
    ]);
    // the simulated Pods of Deployment shop-web are named from a hash of the Deployment, as the cluster names them
    const env = run(chart, helmOutput, 'env', 'shop-web-2t9ftlvh5x-p86xj', '-');
    assert.equal(env.status, 0, env.stderr);
    assert.match(env.stdout, /^SHOP_WEB_SERVICE_HOST=10\./m);
    const connect = run(chart, helmOutput, 'connect', 'shop-web:80', '--from', 'default/shop-web-2t9ftlvh5x-p86xj', '-');
    assert.equal(connect.status, 1, connect.stderr);
    assert.match(connect.stdout, /targetPort htpp/);
    assert.match(connect.stdout, /0 of 2 backends reachable/);
  });
});
