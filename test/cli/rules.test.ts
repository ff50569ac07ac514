import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/rules/index';
import { cliPath, repoRoot } from '../helpers/paths';

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kube-lookup rules', () => {
  it('prints every rule with its severity, description and fix as text', () => {
    const { code, stdout } = runCli(['rules']);
    assert.equal(code, 0);
    assert.match(stdout, /^cluster-ip-outside-service-cidr +warning\n {2}A declared clusterIP/);
    assert.match(stdout, /\nstatefulset-service-name +warning\n {2}A StatefulSet's `serviceName`[^\n]*\n {2}Fix: Create the headless Service/);
    assert.match(stdout, new RegExp(`\\n${rules.length} rules; `));
  });

  it('prints the catalogue as JSON with links to the docs', () => {
    const { code, stdout } = runCli(['rules', '--format', 'json']);
    assert.equal(code, 0);
    const catalogue = JSON.parse(stdout) as { rules: { id: string; severity: string; remediation: string; docs: string }[] };
    assert.deepEqual(catalogue.rules.map((rule) => rule.id), rules.map((rule) => rule.meta.id));
    const target = catalogue.rules.find((rule) => rule.id === 'service-target-port-not-found')!;
    assert.equal(target.severity, 'error');
    assert.equal(target.docs, 'docs/rules/service-target-port-not-found.md');
    for (const rule of catalogue.rules) assert.ok(fs.existsSync(path.join(repoRoot, rule.docs)), rule.docs);
  });

  it('prints a Markdown table and writes the docs pages on request', () => {
    const markdown = runCli(['rules', '--format', 'markdown']);
    assert.match(markdown.stdout, /\| \[`duplicate-node-port`\]\(docs\/rules\/duplicate-node-port\.md\) \| error \| /);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-docs-'));
    const written = runCli(['rules', '--write-docs', folder]);
    assert.equal(written.code, 0);
    assert.equal(fs.readdirSync(folder).length, rules.length + 1);
    assert.equal(fs.readFileSync(path.join(folder, 'endpoints-deprecated.md'), 'utf8'), fs.readFileSync(path.join(repoRoot, 'docs', 'rules', 'endpoints-deprecated.md'), 'utf8'));
  });

  it('rejects a bad format with exit 2', () => {
    const { code, stderr } = runCli(['rules', '--format', 'sarif']);
    assert.equal(code, 2);
    assert.equal(stderr, 'kube-lookup: --format must be one of text, json, markdown, not "sarif"\n');
  });
});
