import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, repoRoot } from '../helpers/paths';

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const typo = 'examples/broken/endpoints-name-typo';
const ruleIds = (stdout: string) => (JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[] }).findings.map((finding) => `${finding.ruleId} ${finding.severity}`);

describe('rule severities from the config file and --rule', () => {
  it('changes severities and switches rules off from the command line', () => {
    assert.deepEqual(ruleIds(runCli(['lint', typo, '--format', 'json']).stdout), ['endpoints-deprecated info', 'endpoints-without-service error']);
    const relaxed = runCli(['lint', typo, '--format', 'json', '--rule', 'endpoints-deprecated=off, endpoints-without-service=warning']);
    assert.equal(relaxed.code, 0);
    assert.deepEqual(ruleIds(relaxed.stdout), ['endpoints-without-service warning']);
  });

  it('lets --rule override the file', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-rules-'));
    const config = path.join(folder, 'config.yaml');
    fs.writeFileSync(config, 'rules:\n  endpoints-deprecated: off\n  endpoints-without-service: hint\n');
    assert.deepEqual(ruleIds(runCli(['lint', typo, '--format', 'json', '--config', config]).stdout), ['endpoints-without-service hint']);
    assert.deepEqual(ruleIds(runCli(['lint', typo, '--format', 'json', '--config', config, '--rule', 'endpoints-without-service=error']).stdout), ['endpoints-without-service error']);
  });

  it('names an unknown rule id or a bad severity and exits 2', () => {
    const unknown = runCli(['lint', typo, '--rule', 'endpoint-without-service=off']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'kube-lookup: rules.endpoint-without-service: unknown rule (did you mean "endpoints-without-service"?); `kube-lookup rules` lists them\n');
    const badSeverity = runCli(['lint', typo, '--rule', 'endpoints-deprecated=loud']);
    assert.equal(badSeverity.code, 2);
    assert.match(badSeverity.stderr, /^kube-lookup: rules\.endpoints-deprecated: /);
    const malformed = runCli(['lint', typo, '--rule', 'endpoints-deprecated']);
    assert.equal(malformed.stderr, 'kube-lookup: --rule takes ID=SEVERITY[,ID=SEVERITY], not "endpoints-deprecated"\n');
  });
});
