import fc from 'fast-check';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { run } from '../../server/src/cli/main';
import { repoRoot } from '../helpers/paths';
import { fuzzParameters } from './budget';
import { applyMutations, mutations } from './mutations';

/** Runs the CLI in this process from the repository root, capturing what it prints. */
function runInProcess(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const code = run(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), color: false });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

/** The CLI contract: exit 0, 1 or 2; on 2 one line of reason on stderr; never an internal error. */
function assertContract(argv: string[], result: { code: number; stdout: string; stderr: string }): void {
  const where = `kube-lookup ${argv.map((arg) => JSON.stringify(arg)).join(' ')}`;
  assert.ok([0, 1, 2].includes(result.code), `${where}: exit ${result.code}`);
  assert.doesNotMatch(result.stderr, /internal error/, `${where}: ${result.stderr}`);
  if (result.code === 2) {
    assert.match(result.stderr, /^kube-lookup: [^\n]+\n$/, `${where}: stderr ${JSON.stringify(result.stderr)}`);
  } else {
    assert.ok(result.stdout.length > 0 || argv.includes('--help') || argv.includes('-h'), `${where}: printed nothing`);
  }
}

const WORDS = ['lint', 'help', 'version', 'nslookup', 'records', 'env', 'rules', 'default/request-pod', '--from', '--namespace', '--type', 'SRV', 'PTR', 'ANY', 'zone', 'dig', '--dns-profile', 'spec', 'examples/seeds', 'kubernetes', 'pod-a.headless1', '--format', 'json', 'sarif', 'text', 'xml', '--config', '--cluster-domain', 'example.org', '-', '..',
  '--pods', 'verified', 'bogus', '--endpoint-pod-names', '--help', '-h', '--', '--version', '--format=', '--pods=', 'examples/broken', 'examples/seeds/kubia.yaml',
  'test/fixtures/rules/yaml-syntax', 'no/such/path', '', '\u0000', '--=', '---', '--format=json', '--cluster-domain=.', 'Ä', '--config=package.json'];

describe('fuzz: the CLI', () => {
  it('keeps its exit-code contract for any arguments', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 7 }), (argv) => {
        assertContract(argv, runInProcess(argv));
      }),
      fuzzParameters('CLI arguments', 150),
    );
  });

  it('keeps its contract for any configuration file (valid, damaged or hostile)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-config-'));
    const config = path.join(folder, '.kube-lookup.yaml');
    const valid = stringify({ clusterDomain: 'example.org', rules: { 'yaml-syntax': 'off' }, maxFileSize: 100000, nodeIPs: ['10.0.0.1'], upstreamHosts: { 'a.example': ['192.0.2.1'] } });
    const text = fc.oneof(
      mutations.map((list) => applyMutations(valid, list)),
      fc.anything({ withNullPrototype: true, maxDepth: 4 }).map((value) => stringify(value ?? null)),
      fc.constantFrom('__proto__: {polluted: yes}\n', 'constructor: {prototype: {polluted: yes}}\n', 'a: &a [*a]\n', '['.repeat(5000), '- '.repeat(5000) + 'x', '---\n---\n', '\u0000', 'maxNestingDepth: 100000\n'),
    );
    try {
      fc.assert(
        fc.property(text, (content) => {
          fs.writeFileSync(config, content);
          const argv = ['lint', '--config', config, 'examples/broken/selector-typo', '--format', 'json'];
          const result = runInProcess(argv);
          assertContract(argv, result);
          assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
        }),
        fuzzParameters('configuration files', 100),
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
