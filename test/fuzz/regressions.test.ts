import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { run } from '../../server/src/cli/main';
import { parseManifestFile } from '../../server/src/core/yaml/parseManifestFile';
import { cliPath } from '../helpers/paths';
import { lintFiles } from '../../server/src/core/rules/runRules';
import { analyse, loadModel } from './harness';

/** Each failure the fuzzing found, minimised, with the exact behaviour now expected. */
describe('fuzz regressions', () => {
  it('an unterminated quote or collection at the end of the file is reported inside the file', () => {
    // found by mutation (a truncated alert template): yaml marks the error one past the last character
    for (const text of ['apiVersion: v1\nkind: X\nx: "', "apiVersion: v1\nkind: X\nx: 'a", 'kind: X\napiVersion: v1\nx: {a', 'kind: X\napiVersion: v1\nx: [a, ']) {
      const [issue] = parseManifestFile(text).issues;
      assert.equal(issue.ruleId, 'yaml-syntax');
      assert.deepEqual(issue.span, { start: text.length, end: text.length });
      analyse({ 'x.yaml': text });
    }
  });

  it('5,000 nested flow sequences no longer abort the process (V8 fatal error in a regexp under stack exhaustion)', () => {
    // in a fresh process, warmed up as a long-running server is, the yaml composer used to kill node
    const script = `
      const { parseManifestFile } = require(${JSON.stringify(require.resolve('../../server/src/core/yaml/parseManifestFile'))});
      const nested = (depth) => 'a: ' + '['.repeat(depth) + ']'.repeat(depth) + '\\napiVersion: v1\\nkind: X\\n';
      for (const depth of [3000, 4000]) parseManifestFile(nested(depth));
      const [issue] = parseManifestFile(nested(5000)).issues;
      process.stdout.write(issue.message);`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr.slice(0, 300));
    assert.equal(result.stdout, 'File skipped: its collections nest 5001 levels deep, over the limit of 200 (setting maxNestingDepth).');
  });

  it('a deep block closed at once no longer overflows the parser (it is refused before parsing)', () => {
    const text = 'apiVersion: v1\nkind: X\na:\n  ' + '- '.repeat(7000) + 'x\nb: 1\n';
    assert.deepEqual(parseManifestFile(text).issues.map((issue) => issue.message), [
      'File skipped: a line is indented 14002 columns deep, more than twice the nesting limit of 200 (setting maxNestingDepth).',
    ]);
  });

  it('the deepest nesting a setting allows (500) parses in a fresh process under a deep caller; 1000 is refused', () => {
    // maxNestingDepth 1000 was documented as safe, but yaml's composer overflowed the stack from about 800 levels
    const script = `
      const { ClusterModel } = require(${JSON.stringify(require.resolve('../../server/src/core/model/clusterModel'))});
      const { lintFiles } = require(${JSON.stringify(require.resolve('../../server/src/core/rules/runRules'))});
      const { parseSettings } = require(${JSON.stringify(require.resolve('../../server/src/core/settings'))});
      const depth = 500, head = 'apiVersion: v1\\nkind: Service\\nmetadata: {name: deep}\\nspec:\\n  selector: ';
      const shapes = {
        flow: head + '['.repeat(depth - 2) + ']'.repeat(depth - 2),
        tagged: head + '!!seq &a ['.repeat(depth - 2) + ']'.repeat(depth - 2),
        map: head + '{a: '.repeat(depth - 2) + '1' + '}'.repeat(depth - 2),
        block: 'apiVersion: v1\\nkind: Service\\nspec: !!map\\n' + Array.from({ length: depth - 2 }, (_, i) => ' '.repeat(i + 1) + 'k: !!map').join('\\n') + '\\n' + ' '.repeat(depth - 1) + 'z: x',
      };
      const settings = parseSettings({ maxNestingDepth: depth }).settings;
      // a caller deep in its own frames, as a language server handling a request is
      const deep = (frames) => { if (frames > 0) { const out = deep(frames - 1); return out; } return Object.entries(shapes).map(([name, text]) => {
        const model = new ClusterModel(settings);
        model.setFile('x.yaml', text + '\\n');
        return name + ': ' + lintFiles(model).findings.map((finding) => finding.ruleId + ' ' + finding.message).join('; ');
      }); };
      process.stdout.write(JSON.stringify({ lines: deep(1500), errors: parseSettings({ maxNestingDepth: 1000 }).errors }));`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr.slice(0, 300));
    const { lines, errors } = JSON.parse(result.stdout) as { lines: string[]; errors: string[] };
    assert.deepEqual(lines.filter((line) => /stack|yaml-syntax|file-skipped/.test(line)), []);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /maxNestingDepth/);
    assert.match(errors[0], /500/);
  });

  it('a duplicate key after an empty value is one line of text output, on the line of the key', () => {
    // yaml marked the newline before the key: the message held a line break and named the line above
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-duplicate-'));
    try {
      fs.writeFileSync(path.join(folder, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name:\n  name: web\n');
      let stdout = '';
      const code = run(['lint', folder], { stdout: (text) => void (stdout += text), stderr: () => undefined, color: false });
      assert.equal(code, 1);
      const [line] = stdout.split('\n').filter((text) => text.includes('yaml-syntax'));
      assert.equal(line.trim(), '5:3  error  Duplicate key "name": map keys must be unique, and kubectl rejects the document ("mapping key already defined").  yaml-syntax');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the CLI without a command exits 2 with its one-line reason on stderr', () => {
    let stderr = '';
    const code = run([], { stdout: () => undefined, stderr: (text) => void (stderr += text), color: false });
    assert.equal(code, 2);
    assert.equal(stderr, 'kube-lookup: no command given (try kube-lookup --help)\n');
  });

  it('the CLI answers --version without a command, with the package version', () => {
    const result = spawnSync(process.execPath, [cliPath, '--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.notEqual(result.stdout, '0.0.0\n');
  });
});

describe('fuzz regressions: line breaks and warnings', () => {
  it('reads a file with CR-only line breaks as YAML does, with spans on the original text', () => {
    // found by the line-endings mutation: yaml read a lone CR as a space, so the file was one long line
    const text = 'apiVersion: v1\rkind: Endpoints\rmetadata:\r  name: databse\r';
    const finding = analyse({ 'x.yaml': text }).find((candidate) => candidate.ruleId === 'endpoints-without-service')!;
    assert.equal(text.slice(finding.span.start, finding.span.end), 'databse');
  });

  it('prints no process warning for a map used as a key (yaml warns on stderr by default)', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  ? {config: x}\n  : value\n';
    const warningsDuring = async (work: () => void): Promise<string[]> => {
      const warnings: string[] = [];
      const listener = (warning: Error): void => void warnings.push(warning.message);
      process.on('warning', listener);
      try {
        work();
        // process warnings are delivered on a later tick
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', listener);
      }
      return warnings;
    };
    assert.equal((await warningsDuring(() => parseDocument(text).toJS())).length, 1, 'the control case warns');
    assert.deepEqual(await warningsDuring(() => analyse({ 'x.yaml': text })), []);
  });
});

describe('fuzz regressions: order of edits', () => {
  it('two files defining the same Service give the same findings whichever was opened first', () => {
    // found by the edit-sequence property: the Service seen first won, so the findings followed the editor's history
    const files = {
      'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
      'b.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: typo}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\n',
    };
    const findingsIn = (order: string[]) => lintFiles(loadModel(files, {}, order)).findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort();
    assert.deepEqual(findingsIn(['a.yaml', 'b.yaml']), findingsIn(['b.yaml', 'a.yaml']));
    // every copy is checked (each an alternative of the other): the typo in b.yaml's copy is found
    assert.ok(findingsIn(['b.yaml', 'a.yaml']).includes('b.yaml service-selector-matches-nothing'));
    const model = loadModel(files, {}, ['b.yaml', 'a.yaml']);
    assert.equal(model.service('default', 'web')!.object.file, 'a.yaml');
  });
});
