import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, fixturesRoot, repoRoot } from '../helpers/paths';

function runCli(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [cliPath, 'map', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonMap {
  namespace: string | null;
  namespaces: string[];
  nodes: { id: string; kind: string; details: string[]; source: { file: string; line: number; column: number } | null; findings: { ruleId: string }[] }[];
  edges: { id: string; kind: string; from: string; to: string; label: string; findings: { ruleId: string; message: string }[] }[];
  findings: { ruleId: string; file: string; line: number }[];
}

describe('kube-lookup map', () => {
  it('prints the seeds as JSON: Services, the workloads behind them, container ports and the ExternalName host', () => {
    const { code, stdout } = runCli(['examples/seeds']);
    assert.equal(code, 0);
    const map = JSON.parse(stdout) as JsonMap;
    assert.equal(map.namespace, null);
    assert.deepEqual(map.namespaces, ['default']);
    const ids = map.nodes.map((node) => node.id);
    for (const id of ['service:default/kubia', 'workload:ReplicaSet/default/kubia', 'external:github.github.io', 'service:default/headless1']) assert.ok(ids.includes(id), id);
    const kubia = map.edges.find((edge) => edge.id === 'service:default/kubia->workload:ReplicaSet/default/kubia')!;
    assert.equal(kubia.label, 'http 80 → 8080, https 443 → 8443');
    assert.deepEqual(map.edges.filter((edge) => edge.findings.length > 0), []);
    const source = map.nodes.find((node) => node.id === 'service:default/kubia')!.source!;
    assert.match(source.file, /^examples\/seeds\/.*\.ya?ml$/);
    assert.ok(source.line >= 1 && source.column === 1);
  });

  it('draws the broken examples with red edges carrying the findings, in DOT', () => {
    const { code, stdout } = runCli(['examples/broken', '--format', 'dot']);
    assert.equal(code, 0);
    assert.match(stdout, /^digraph "service-map" \{\n {2}rankdir=LR;/);
    const red = stdout.split('\n').filter((line) => line.includes(' -> ') && line.includes('color=red'));
    assert.equal(red.length, 3);
    assert.match(red.join('\n'), /"service:default\/frontend" -> "workload:Deployment\/default\/frontend" \[style=dashed, color=red, fontcolor=red, tooltip="warning: selector app=frontent matches no Pod/);
  });

  it('draws SVG with a style of its own, broken edges in the error colour, and no script', () => {
    const { code, stdout } = runCli(['examples/broken', '--format', 'svg']);
    assert.equal(code, 0);
    assert.match(stdout, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(stdout, /<style>/);
    assert.equal((stdout.match(/class="edge edge-intended broken"/g) ?? []).length, 3);
    assert.match(stdout, /<title>Service default\/frontend was meant to reach Deployment default\/frontend\nwarning: selector app=frontent/);
    assert.doesNotMatch(stdout, /<script|tabindex/);
  });

  it('keeps one namespace with --namespace, and rejects one the manifests do not hold', () => {
    const shop = JSON.parse(runCli(['examples/broken', '--namespace', 'shop']).stdout) as JsonMap;
    assert.deepEqual(shop.nodes.map((node) => node.id), ['service:shop/cart']);
    const unknown = runCli(['examples/broken', '--namespace', 'nowhere']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^kube-lookup: no namespace "nowhere" in the manifests/);
  });

  it('maps one cluster of a repository of several with --cluster, and asks for it otherwise', () => {
    const overlays = path.join(fixturesRoot, 'repositories', 'kustomize-overlays');
    const asked = runCli([], overlays);
    assert.equal(asked.code, 2);
    assert.match(asked.stderr, /pick one with --cluster NAME/);
    const prod = runCli(['--cluster', 'overlays/prod'], overlays);
    assert.equal(prod.code, 0);
    const map = JSON.parse(prod.stdout) as JsonMap;
    assert.ok(map.nodes.some((node) => node.kind === 'service'));
    assert.ok(map.nodes.every((node) => !node.source || node.source.file.startsWith('base/')));
  });

  it('maps the other repository fixtures without failing', () => {
    for (const [repository, extra] of [['ha-bundles', []], ['provider-bundles', []], ['chart-beside-install', ['--cluster', 'plain']]] as const) {
      const { code, stdout, stderr } = runCli(['--format', 'svg', ...extra], path.join(fixturesRoot, 'repositories', repository));
      assert.equal(code, 0, `${repository}: ${stderr}`);
      assert.match(stdout, /<\/svg>\n$/);
    }
  });
});
