import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findKustomizeTool, type KustomizeTool } from '../../server/src/render/kustomizeTool';
import { buildKustomization } from '../../server/src/render/runKustomize';
import { cliPath, fixturesRoot } from '../helpers/paths';

/**
 * Kustomize roots built by the real `kustomize build` or `kubectl kustomize` on this machine, with
 * findings mapped back to the lines as written. Lines that must be flagged carry
 * `# expect: <rule-id> "<flagged text>"` (as in repositories.test.ts); every finding at warning or
 * error must be one of them. Without either tool these tests cannot run: they are skipped, loudly.
 */
const EXPECT = /# expect: ([a-z0-9-]+) "([^"]*)"/g;
const overlays = path.join(fixturesRoot, 'rendering', 'overlays');
const tool = findKustomizeTool();
const missing = tool ? unableToRender(tool) : 'neither `kustomize` nor `kubectl` is on PATH: the Kustomize rendering tests cannot run (install kubectl or kustomize)';
if (missing) process.stderr.write(`\n*** SKIPPED: ${missing} ***\n\n`);

/** An old kubectl (Debian 12's 1.20 ships Kustomize 2) cannot add origin annotations: that is a skip too, not a failure. */
function unableToRender(found: KustomizeTool): string | undefined {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-probe-'));
  fs.writeFileSync(path.join(folder, 'kustomization.yaml'), 'resources: [config.yaml]\n');
  fs.writeFileSync(path.join(folder, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: probe}\n');
  const build = buildKustomization(folder, found);
  fs.rmSync(folder, { recursive: true, force: true });
  if (build.ok && build.output.includes('config.kubernetes.io/origin')) return undefined;
  return `${found.name} (${found.command}) cannot build with origin annotations${build.ok ? '' : `: ${build.error}`}; the Kustomize rendering tests need Kustomize 5 (kubectl 1.27 or later)`;
}

interface JsonFinding { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number; clusters: string[] }

function lint(folder: string, ...args: string[]): JsonFinding[] {
  const result = spawnSync(process.execPath, [cliPath, 'lint', '.', '--format', 'json', ...args], { cwd: folder, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

function expectations(folder: string): string[] {
  const expected: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      for (const match of line.matchAll(EXPECT)) expected.push(`${path.relative(folder, file)}:${index + 1} ${match[1]} "${match[2]}"`);
    });
  }
  return expected.sort();
}

function describeFinding(folder: string, finding: JsonFinding): string {
  const lines = fs.readFileSync(path.join(folder, finding.file), 'utf8').split('\n');
  const text = finding.line === finding.endLine ? lines[finding.line - 1].slice(finding.column - 1, finding.endColumn - 1) : '…';
  return `${finding.file}:${finding.line} ${finding.ruleId} "${text}"`;
}

function assertMarked(folder: string, findings: JsonFinding[]): void {
  const expected = expectations(folder);
  const serious = findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map((finding) => describeFinding(folder, finding)).sort();
  const all = new Set(findings.map((finding) => describeFinding(folder, finding)));
  assert.deepEqual(serious.filter((found) => !expected.includes(found)), [], 'findings at warning or error that no marker expects');
  assert.deepEqual(expected.filter((marked) => !all.has(marked)), [], 'marked mistakes not found');
}

describe(`Kustomize rendering with ${tool?.name ?? 'no tool'}`, { skip: missing }, () => {
  const findings = missing ? [] : lint(overlays);
  const find = (file: string, ruleId: string): JsonFinding[] => findings.filter((finding) => finding.file === file && finding.ruleId === ruleId);

  it('reports what the builds apply at the lines as written, and nothing else at warning or error', () => {
    assertMarked(overlays, findings);
  });

  it('checks a base Service through the selector its kustomization adds, in each overlay that uses the base', () => {
    const typo = find('base/service.yaml', 'service-target-port-not-found');
    assert.deepEqual(typo.map((finding) => [finding.line, finding.column, finding.clusters]), [[10, 17, ['overlays/prod']], [10, 17, ['overlays/staging']]]);
    // the rendered names: namePrefix of each overlay
    assert.match(typo[0].message, /in Deployment "prod-web"; did you mean "http"\?.*\(in cluster overlays\/prod\)$/);
    assert.match(typo[1].message, /in Deployment "staging-web"/);
  });

  it('puts a value a patch sets on the patch line: strategic merge by merge key, JSON 6902 by path', () => {
    const strategic = find('overlays/prod/https-port.yaml', 'service-target-port-not-found');
    assert.deepEqual(strategic.map((finding) => [finding.line, finding.column, finding.endColumn]), [[10, 17, 23]]);
    assert.match(strategic[0].message, /\(rendered by kustomize: spec\.ports\[0\]\.targetPort is "httpss", set by this patch\)$/);
    const json = find('overlays/prod/metrics-port.yaml', 'service-target-port-not-found');
    assert.deepEqual(json.map((finding) => [finding.line, finding.column, finding.endColumn]), [[4, 10, 16]]);
  });

  it('puts a field a transformer added on the object\'s name, saying what was rendered and by which transformer', () => {
    const [selector] = find('apps/monitoring/service.yaml', 'service-selector-matches-nothing');
    assert.deepEqual([selector.line, selector.column, selector.endColumn], [5, 9, 16]);
    assert.match(selector.message, /only Pods in "tools".*\(rendered by kustomize: spec\.selector is \{app: monitor\}, labels app=monitor added by commonLabels in apps\/monitoring\/kustomization\.yaml\)$/);
  });

  it('reports a name a namePrefix made invalid on the name as written, naming the prefix', () => {
    const [name] = find('apps/legacy/service.yaml', 'object-name-invalid');
    assert.deepEqual([name.line, name.column, name.endColumn], [4, 9, 12]);
    assert.match(name.message, /^metadata\.name: Invalid value: "legacy\.v1-api": .*\(rendered by kustomize: metadata\.name is "legacy\.v1-api", prefixed by namePrefix "legacy\.v1-" in apps\/legacy\/kustomization\.yaml\)$/);
  });

  it('sees the rendered names: a namePrefix renames the Service a Pod\'s subdomain names', () => {
    const [subdomain] = find('overlays/staging/debug-pod.yaml', 'subdomain-without-headless-service');
    assert.equal(subdomain.line, 8);
    assert.match(subdomain.message, /names no Service in namespace "staging"/);
  });

  it('maps to the patches of the linted folders when the base lies outside them, and leaves the base\'s own findings out', () => {
    const result = spawnSync(process.execPath, [cliPath, 'lint', 'overlays/prod', 'overlays/staging', '--format', 'json'], { cwd: overlays, encoding: 'utf8' });
    const found = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`);
    assert.deepEqual(found, [
      'overlays/prod/https-port.yaml:10:17 service-target-port-not-found',
      'overlays/prod/metrics-port.yaml:4:10 service-target-port-not-found',
      'overlays/staging/debug-pod.yaml:8:14 subdomain-without-headless-service',
      'overlays/staging/kustomization.yaml:18:21 service-target-port-not-found',
    ]);
  });

  it('answers lookups with the rendered names and namespaces', () => {
    const lookup = (...args: string[]) => JSON.parse(spawnSync(process.execPath, [cliPath, 'nslookup', 'staging-web', '--cluster', 'overlays/staging', '--namespace', 'staging', '--format', 'json', ...args], { cwd: overlays, encoding: 'utf8' }).stdout) as { rcode: string };
    assert.equal(lookup().rcode, 'NOERROR');
    assert.equal(lookup('--no-render').rcode, 'NXDOMAIN');
  });

  it('maps and connects with the rendered names, each map node at its object as written', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args, '--cluster', 'overlays/prod'], { cwd: overlays, encoding: 'utf8' });
    const map = JSON.parse(run('map').stdout) as { nodes: { id: string; details: string[]; source: { file: string; line: number } | null }[] };
    const service = map.nodes.find((node) => node.id === 'service:prod/prod-web')!;
    assert.deepEqual(service.source, { file: 'base/service.yaml', line: 2, column: 1 });
    const workload = map.nodes.find((node) => node.id === 'workload:Deployment/prod/prod-web')!;
    assert.equal(workload.source?.file, 'base/deployment.yaml');
    // port 80's targetPort is the base's typo "htp": the Pod of the rendered Deployment has no such port
    const connect = JSON.parse(run('connect', 'prod-web:80', '--from', 'prod/prod-web', '--format', 'json').stdout) as { verdict: string; reasons: string[] };
    assert.equal(connect.verdict, 'no-endpoints');
    assert.ok(connect.reasons.includes('Service prod/prod-web port "http" 80/TCP → targetPort htp'), connect.reasons.join('\n'));
    const raw = run('connect', 'prod-web:80', '--from', 'prod/prod-web', '--no-render');
    assert.equal(raw.status, 2);
    assert.match(raw.stderr, /no Pod "prod\/prod-web"/);
  });

  it('does not build a root with a remote resource, and reports why once on its entry', () => {
    const remote = find('overlays/remote/kustomization.yaml', 'kustomize-not-rendered');
    assert.deepEqual(remote.map((finding) => [finding.severity, finding.line, finding.column]), [['info', 2, 3]]);
    assert.match(remote[0].message, /^Not rendered: github\.com\/example\/platform\/\/deploy\/base\?ref=v1\.2\.0 is a remote resource/);
  });

  it('reports a failed build with kustomize\'s message and reads that root as written', () => {
    const [broken] = find('overlays/broken/kustomization.yaml', 'kustomize-not-rendered');
    assert.equal(broken.line, 2);
    assert.match(broken.message, new RegExp(`^Not rendered: ${tool!.name} failed: .*missing\\.yaml: no such file or directory.*; the files are read as written\\.$`));
    assert.ok(!broken.message.includes(os.tmpdir()), 'the temporary wrapper stays out of the message');
  });

  it('lints the files as written with --no-render: the base Service has no selector, the placeholder namespace stays', () => {
    const raw = lint(overlays, '--no-render');
    assert.deepEqual(raw.filter((finding) => finding.ruleId === 'kustomize-not-rendered'), []);
    assert.deepEqual(raw.filter((finding) => finding.file === 'base/service.yaml'), []);
    // the false warning rendering removes (metallb's config/webhook/service.yaml has this shape)
    assert.deepEqual(raw.filter((finding) => finding.file === 'apps/webhook/service.yaml').map((finding) => finding.message), ['selector component=controller matches no Pod in namespace "system", only Pods in "default"; a Service selects Pods of its own namespace only.']);
    assert.deepEqual(find('apps/webhook/service.yaml', 'service-selector-matches-nothing'), []);
  });

  it('flags the kustomize-not-rendered rule fixtures at their marks (rendering happens in the CLI, not in the rule tests)', () => {
    for (const kind of ['invalid', 'valid']) {
      const folder = path.join(fixturesRoot, 'rules', 'kustomize-not-rendered', kind);
      const found = lint(folder).filter((finding) => finding.ruleId === 'kustomize-not-rendered').map((finding) => describeFinding(folder, finding)).sort();
      assert.deepEqual(found, kind === 'valid' ? [] : expectations(folder));
    }
  });
});

describe('Kustomize rendering without a tool on PATH', () => {
  it('reads every root as written and says so once per root', () => {
    // only node itself is reachable: its own folder on PATH holds no kubectl or kustomize
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-no-tool-'));
    const result = spawnSync(process.execPath, [cliPath, 'lint', 'overlays/prod', '--format', 'json'], { cwd: overlays, encoding: 'utf8', env: { ...process.env, PATH: bare } });
    fs.rmSync(bare, { recursive: true, force: true });
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.ruleId === 'kustomize-not-rendered');
    assert.deepEqual(findings.map((finding) => [finding.file, finding.line, finding.message]), [['overlays/prod/kustomization.yaml', 1, 'Not rendered: neither kustomize nor kubectl is on PATH; the files are read as written.']]);
  });
});

describe('finding the tool', () => {
  it('takes kustomize before kubectl, and never a program from a relative PATH entry such as the linted folder', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-tools-'));
    fs.mkdirSync(path.join(folder, 'a'));
    fs.mkdirSync(path.join(folder, 'b'));
    fs.writeFileSync(path.join(folder, 'a', 'kustomize'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(folder, 'b', 'kubectl'), '#!/bin/sh\n', { mode: 0o755 });
    assert.deepEqual(findKustomizeTool([path.join(folder, 'b'), path.join(folder, 'a')].join(path.delimiter)), { name: 'kustomize', command: path.join(folder, 'a', 'kustomize'), args: ['build'] });
    assert.deepEqual(findKustomizeTool(path.join(folder, 'b')), { name: 'kubectl kustomize', command: path.join(folder, 'b', 'kubectl'), args: ['kustomize'] });
    assert.equal(findKustomizeTool(path.relative(process.cwd(), path.join(folder, 'a'))), undefined);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});

describe('the limits of one build', () => {
  function fakeTool(script: string): { tool: KustomizeTool; folder: string } {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-fake-'));
    fs.writeFileSync(path.join(folder, 'kubectl'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return { tool: { name: 'kubectl kustomize', command: path.join(folder, 'kubectl'), args: ['kustomize'] }, folder };
  }

  it('stops a build over the time limit, and one whose output is over the size limit', { skip: process.platform === 'win32' ? 'shell scripts stand in for kubectl' : false }, () => {
    const slow = fakeTool('sleep 5');
    const timedOut = buildKustomization(overlays, slow.tool, { timeoutMs: 300, maxOutputBytes: 1_000_000 });
    assert.deepEqual(timedOut, { ok: false, error: 'it ran over the time limit of 0.3 s' });
    const loud = fakeTool('yes "apiVersion: v1" | head -c 3000000');
    const tooBig = buildKustomization(overlays, loud.tool, { timeoutMs: 10_000, maxOutputBytes: 1_000_000 });
    assert.deepEqual(tooBig, { ok: false, error: 'its output is over the limit of 1 MB' });
    for (const fake of [slow, loud]) fs.rmSync(fake.folder, { recursive: true, force: true });
  });

  it('passes the wrapper folder only, and leaves no wrapper behind', { skip: process.platform === 'win32' ? 'shell scripts stand in for kubectl' : false }, () => {
    const echo = fakeTool('echo "$@"; cat "$2/kustomization.yaml"');
    const build = buildKustomization(overlays, echo.tool);
    assert.ok(build.ok);
    const [args, ...wrapper] = build.output.split('\n');
    assert.match(args, /^kustomize \S+kube-lookup-render-\S+$/);
    assert.ok(!fs.existsSync(args.split(' ')[1]), 'the wrapper is deleted');
    assert.match(wrapper.join('\n'), /^resources:\n- "(\.\.\/)+.*test\/fixtures\/rendering\/overlays"\nbuildMetadata: \[originAnnotations\]$/m);
    fs.rmSync(echo.folder, { recursive: true, force: true });
  });
});
