import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../server/src/cli/main';
import { cliPath } from '../helpers/paths';
import { ClusterModel } from '../../server/src/core/model/clusterModel';
import { lintFiles } from '../../server/src/core/rules/runRules';
import { defaultSettings } from '../../server/src/core/settings';
import { parseManifestFile } from '../../server/src/core/yaml/parseManifestFile';
import { analyse } from './harness';

/** CPU time, not wall time: other processes on a busy CI machine must not fail these tests. */
function cpuMillis<T>(work: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** The single finding of a one-file workspace, as `ruleId: message`. */
function only(text: string): string {
  const findings = analyse({ 'x.yaml': text });
  assert.equal(findings.length, 1, findings.map((finding) => finding.message).join('\n'));
  return `${findings[0].ruleId}: ${findings[0].message}`;
}

const HEAD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec:\n  selector: ';

describe('hostile input: limits, each skipped with an info finding that names the setting', () => {
  it('skips collections nested 10,000 levels deep, in flow and block style, without recursing', () => {
    const cases = {
      'flow sequences': HEAD + '['.repeat(10_000) + ']'.repeat(10_000) + '\n',
      'flow mappings': HEAD + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n',
      'JSON objects': '{"apiVersion": "v1", "kind": "Service", "spec": ' + '{"a": '.repeat(10_000) + '1' + '}'.repeat(10_000) + '}',
    };
    for (const [name, text] of Object.entries(cases)) {
      const { value, ms } = cpuMillis(() => only(text));
      assert.match(value, /^file-skipped: File skipped: its collections nest 1000[0-9] levels deep, over the limit of 200 \(setting maxNestingDepth\)\.$/, name);
      assert.ok(ms < 5_000, `${name}: ${ms} ms`);
    }
  });

  it('skips block collections nested 10,000 levels deep before the parser recurses into them', () => {
    const compact = HEAD + '\n' + '- '.repeat(10_000) + 'x\n';
    assert.equal(only(compact), 'file-skipped: File skipped: a line is indented 20000 columns deep, more than twice the nesting limit of 200 (setting maxNestingDepth).');
    const indented = 'apiVersion: v1\nkind: Service\n' + Array.from({ length: 2_000 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n') + ' 1\n';
    assert.equal(only(indented), 'file-skipped: File skipped: a line is indented 1999 columns deep, more than twice the nesting limit of 200 (setting maxNestingDepth).');
  });

  it('parses nesting up to the limit, and the limit can be raised', () => {
    const nested = (depth: number) => 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(depth - 1) + ']'.repeat(depth - 1) + '\n';
    assert.deepEqual(analyse({ 'x.yaml': nested(200) }), []);
    assert.match(only(nested(201)), /nest 201 levels deep/);
    assert.deepEqual(analyse({ 'x.yaml': nested(400) }, { maxNestingDepth: 400 }), []);
  });

  it('reports an alias bomb (billion laughs) as a finding, in bounded time', () => {
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let level = 1; level < 12; level++) bomb += `a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]\n`;
    const { value, ms } = cpuMillis(() => only(bomb));
    assert.equal(value, 'yaml-syntax: Excessive alias count indicates a resource exhaustion attack');
    assert.ok(ms < 2_000, `${ms} ms`);
  });

  it('skips a file of 100,000 documents without parsing it', () => {
    const text = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n'.repeat(100_000);
    const { value, ms } = cpuMillis(() => only(text));
    assert.equal(value, 'file-skipped: File skipped: 100000 YAML documents is over the limit of 10000 (setting maxDocuments).');
    assert.ok(ms < 2_000, `${ms} ms`);
  });

  it('skips a 50 MB file and a 5 MB single line by size, and reads a 4.9 MB line under the limit', () => {
    const fifty = 'a: b\n'.repeat(10_000_000);
    assert.equal(only(fifty), 'file-skipped: File skipped: 50000000 characters is over the limit of 5000000 (setting maxFileSize).');
    const line = '{"apiVersion": "v1", "kind": "ConfigMap", "data": {"x": "' + 'x'.repeat(5 * 1024 * 1024) + '"}}';
    assert.equal(only(line), 'file-skipped: File skipped: 5242940 characters is over the limit of 5000000 (setting maxFileSize).');
    const under = '{"apiVersion": "v1", "kind": "ConfigMap", "data": {"x": "' + 'x'.repeat(4_900_000) + '"}}';
    const { value, ms } = cpuMillis(() => analyse({ 'x.yaml': under }));
    assert.deepEqual(value, []);
    assert.ok(ms < 20_000, `${ms} ms`);
  });

  it('skips binary data named .yaml, and survives binary data without NUL bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256));
    assert.equal(only(bytes.toString('latin1')), 'file-skipped: File skipped: it contains NUL bytes, so it is not a text manifest.');
    const noNul = Buffer.from(Array.from({ length: 4096 }, (_, index) => 1 + ((index * 7919 + 13) % 255)));
    analyse({ 'x.yaml': noNul.toString('utf8') });
    analyse({ 'x.yaml': noNul.toString('latin1') });
  });
});

describe('hostile input: time proportional to size', () => {
  /** Misspelt Endpoints next to Services: every Endpoints object asks for a suggestion. */
  function workspace(count: number): ClusterModel {
    const model = new ClusterModel(defaultSettings);
    for (let file = 0; file < count / 500; file++) {
      let text = '';
      for (let index = file * 500; index < (file + 1) * 500; index++) {
        text += `--- {apiVersion: v1, kind: Endpoints, metadata: {name: endpoints-${index}}}\n--- {apiVersion: v1, kind: Service, metadata: {name: service-${index}}}\n`;
      }
      model.setFile(`f${file}.yaml`, text);
    }
    return model;
  }

  it('lints 2,000 orphaned Endpoints among 2,000 Services in about four times the time of 500', () => {
    const small = cpuMillis(() => lintFiles(workspace(500)));
    const large = cpuMillis(() => lintFiles(workspace(2_000)));
    assert.equal(large.value.findings.filter((finding) => finding.ruleId === 'endpoints-without-service').length, 2_000);
    // linear work gives a ratio near 4, the quadratic suggestion search it replaced gave 16 and more
    assert.ok(large.ms < 8 * small.ms + 500, `500: ${small.ms} ms, 2,000: ${large.ms} ms`);
  });

  /** Every kind that asks for a match or a suggestion, none of them matching: the worst case for lookups. */
  function mixedWorkspace(count: number): ClusterModel {
    const model = new ClusterModel(defaultSettings);
    for (let file = 0; file < count / 50; file++) {
      let text = '';
      for (let index = file * 50; index < (file + 1) * 50; index++) {
        text += `--- {apiVersion: v1, kind: Service, metadata: {name: s${index}}, spec: {selector: {app: a${index}}, ports: [{port: 80, targetPort: http}]}}\n`;
        text += `--- {apiVersion: v1, kind: Pod, metadata: {name: p${index}, labels: {app: a${index % 7}}}, spec: {hostname: h${index}, subdomain: s${index}x, containers: [{name: c}]}}\n`;
        text += `--- {apiVersion: discovery.k8s.io/v1, kind: EndpointSlice, metadata: {name: es${index}, labels: {kubernetes.io/service-name: s${index}x}}, addressType: IPv4, endpoints: [{addresses: [10.1.0.1]}]}\n`;
        text += `--- {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: ss${index}}, spec: {serviceName: s${index}y, selector: {matchLabels: {app: b${index}}}, template: {metadata: {labels: {app: b${index}}}, spec: {containers: [{name: c}]}}}}\n`;
      }
      model.setFile(`f${file}.yaml`, text);
    }
    return model;
  }

  it('lints 600 unmatched Services, Pods, EndpointSlices and StatefulSets in about four times the time of 150', () => {
    const small = cpuMillis(() => lintFiles(mixedWorkspace(150)));
    const large = cpuMillis(() => lintFiles(mixedWorkspace(600)));
    assert.ok(large.value.findings.length >= 4 * 600);
    // selector matching, near misses and name suggestions once scanned every Pod or Service per object
    assert.ok(large.ms < 8 * small.ms + 500, `150: ${small.ms} ms, 600: ${large.ms} ms`);
  });
});

describe('hostile input: anchors, aliases and tags in large mappings', () => {
  /** A ConfigMap of `count` keys with one tag, which sends the file past the fast reader to yaml. */
  const tagged = (count: number): string =>
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  tagged: !!str x\n' + Array.from({ length: count }, (_, index) => `  key${index}: value${index}\n`).join('');

  it('reads a tagged mapping of 32,000 keys in about four times the time of 8,000', () => {
    only(tagged(2_000) + '  key0: again\n'); // warm up the parser
    const small = cpuMillis(() => only(tagged(8_000) + '  key0: again\n'));
    const large = cpuMillis(() => only(tagged(32_000) + '  key0: again\n'));
    // the duplicate key is still found, on its own line
    assert.equal(large.value, 'yaml-syntax: Duplicate key "key0": map keys must be unique, and kubectl rejects the document ("mapping key already defined").');
    // yaml's own duplicate-key check compared every key with every earlier one: a ratio of 16 and more
    assert.ok(large.ms < 8 * small.ms + 1_000, `8,000: ${small.ms} ms, 32,000: ${large.ms} ms`);
  });

  it('reads a pretty-printed JSON ConfigMap of 24,000 keys in about four times the time of 6,000', () => {
    // multi-line JSON is read by yaml too, so it met the same quadratic duplicate-key check
    const json = (count: number): string => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: Object.fromEntries(Array.from({ length: count }, (_, index) => [`key${index}`, `value${index}`])) }, null, 2);
    analyse({ 'x.json': json(2_000) }); // warm up the parser
    const small = cpuMillis(() => analyse({ 'x.json': json(6_000) }));
    const large = cpuMillis(() => analyse({ 'x.json': json(24_000) }));
    assert.deepEqual(large.value, []);
    assert.ok(large.ms < 8 * small.ms + 1_000, `6,000: ${small.ms} ms, 24,000: ${large.ms} ms`);
  });

  it('reports a document of 40,000 aliases instead of reading it (each alias scanned every anchor: 69 s)', () => {
    const aliased = (count: number, every: number): string =>
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aliased}\ndata:\n' + Array.from({ length: count }, (_, index) => `  a${index}: &x${index} v\n${index % every === 0 ? `  b${index}: *x${index}\n` : ''}`).join('');
    const { value, ms } = cpuMillis(() => parseManifestFile(aliased(40_000, 1)).issues.map((issue) => `${issue.ruleId}: ${issue.message}`));
    assert.deepEqual(value, ['yaml-syntax: More than 100 aliases in one document: not read, as a guard against alias bombs.']);
    assert.ok(ms < 10_000, `${ms} ms`);
    assert.equal(only(aliased(2_000, 1)), value[0]);
    // 100 aliases are read, whatever the number of anchors
    assert.deepEqual(analyse({ 'x.yaml': aliased(10_000, 100) }), []);
  });
});

describe('hostile input: very long names and label values', () => {
  it('lints names and label values of 200,000 characters, one letter off each other, in seconds', () => {
    // "did you mean" compared such names in time growing with the product of their lengths: 6.8 s at 30,000
    const long = 'a'.repeat(200_000);
    const typo = long.slice(1) + 'b';
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: ${long}}\nspec: {selector: {app: ${long}}, ports: [{port: 80, targetPort: p${long}}]}\n`
      + `---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: ${typo}}\n`
      + `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: ${typo}}}\nspec: {hostname: h, subdomain: ${typo}, containers: [{name: c, ports: [{name: p${typo}, containerPort: 80}]}]}\n`
      + `---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: es, labels: {kubernetes.io/service-name: ${typo}}}\naddressType: IPv4\nendpoints: [{addresses: [10.1.0.1]}]\n`;
    const { value, ms } = cpuMillis(() => analyse({ 'x.yaml': text }));
    assert.ok(ms < 15_000, `${ms} ms`);
    assert.ok(value.some((finding) => finding.ruleId === 'endpoints-without-service'));
    assert.ok(value.every((finding) => !finding.message.includes('did you mean')), 'a name longer than Kubernetes allows is suggested to none');
  });
});

describe('hostile input: huge replica counts', () => {
  /** `count` StatefulSets of 100,000 replicas each, headless Services selecting them: 230 bytes a workload. */
  const replicaFile = (prefix: string, count: number): string => Array.from({ length: count }, (_, index) =>
    `---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ${prefix}${index}}\nspec: {replicas: 100000, serviceName: ${prefix}${index}, selector: {matchLabels: {app: ${prefix}${index}}}, template: {metadata: {labels: {app: ${prefix}${index}}}, spec: {containers: [{name: c}]}}}\n`
    + `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${prefix}${index}}\nspec: {clusterIP: None, selector: {app: ${prefix}${index}}}\n`).join('');

  it('lints two files of 2,000 workloads at 100,000 replicas in bounded memory (they aborted the CLI out of memory)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-replicas-'));
    try {
      fs.writeFileSync(path.join(folder, 'a.yaml'), replicaFile('a', 2_000));
      fs.writeFileSync(path.join(folder, 'b.yaml'), replicaFile('b', 2_000));
      // 4,000 workloads ask for 400 million Pods; 100,000 are simulated, in a heap of 640 MB
      const result = spawnSync(process.execPath, ['--max-old-space-size=640', cliPath, 'lint', folder, '--format', 'json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
      assert.equal(result.status, 0, `${result.signal ?? ''} ${result.stderr.slice(0, 300)}`);
      const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((finding) => finding.ruleId === 'simulated-pods-capped');
      assert.equal(findings.length, 4_000);
      assert.equal(findings.filter((finding) => finding.message.includes('only the first 1000 are simulated (at most 1000 per workload)')).length, 100);
      assert.equal(findings.filter((finding) => finding.message.includes('0 are simulated, as the workspace reached its limit of 100000')).length, 3_900);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says in records and nslookup answers that the Pods are truncated, instead of pretending', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-replicas-'));
    try {
      fs.writeFileSync(path.join(folder, 'a.yaml'), replicaFile('a', 2));
      const cli = (...argv: string[]): string => {
        let stdout = '';
        run(argv, { stdout: (text) => void (stdout += text), stderr: () => undefined, color: false });
        return stdout;
      };
      const records = JSON.parse(cli('records', '--format', 'json', folder)) as { truncated: unknown[]; records: { name: string }[] };
      assert.deepEqual(records.truncated, [
        { kind: 'StatefulSet', namespace: 'default', name: 'a0', requested: 100_000, simulated: 1_000 },
        { kind: 'StatefulSet', namespace: 'default', name: 'a1', requested: 100_000, simulated: 1_000 },
      ]);
      assert.equal(records.records.filter((record) => record.name.endsWith('.a0.default.svc.cluster.local.')).length, 1_000);
      const note = 'Pods truncated: StatefulSet default/a0 (1000 of 100000), StatefulSet default/a1 (1000 of 100000) ask for more Pods than are simulated (at most 1000 per workload, 100000 per workspace); records and answers list the simulated Pods only';
      assert.ok(cli('records', folder).startsWith(`; ${note}\n`));
      assert.ok(cli('records', '--format', 'zone', folder).includes(`\n; ${note}\n`));
      const answer = JSON.parse(cli('nslookup', 'a0.default.svc.cluster.local', '--format', 'json', folder)) as { answers: unknown[]; truncated?: string };
      assert.equal(answer.answers.length, 1_000);
      assert.equal(answer.truncated, note);
      assert.ok(cli('nslookup', 'a0.default.svc.cluster.local', folder).includes(`;; note: ${note}\n`));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
