import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliPath } from '../helpers/paths';

interface JsonReport {
  files: number;
  findings: { ruleId: string; severity: string; message: string; file: string; line: number }[];
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

function lint(cwd: string, args: string[] = ['lint', '.', '--format', 'json']) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.error, undefined, `the CLI did not finish: ${String(result.error)}`);
  assert.equal(result.signal, null, `the CLI was killed by ${result.signal}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hostile workspace on disk (the CLI binary)', () => {
  const folders: string[] = [];
  const tempFolder = (): string => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hostile-'));
    folders.push(folder);
    return folder;
  };
  after(() => {
    for (const folder of folders) {
      fs.chmodSync(folder, 0o755);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('skips links, devices, FIFOs, folders, binaries and oversized files with a reason each, and lints the rest', () => {
    const folder = tempFolder();
    const at = (name: string): string => path.join(folder, name);
    fs.writeFileSync(at('service.yaml'), SERVICE);
    fs.symlinkSync(folder, at('loop'));
    fs.symlinkSync('self-loop.yaml', at('self-loop.yaml'));
    fs.symlinkSync('nowhere.yaml', at('dangling.yaml'));
    fs.mkdirSync(at('folder.yaml'));
    fs.writeFileSync(at('folder.yaml/inner.yml'), SERVICE.replace('web', 'inner'));
    fs.writeFileSync(at('binary.yaml'), Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 31) % 256)));
    fs.writeFileSync(at('invalid-utf8.yaml'), Buffer.concat([Buffer.from(SERVICE.replace('web', 'bytes')), Buffer.from([0x23, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0x0a])]));
    fs.writeFileSync(at('utf16-odd.yaml'), Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x3a]));
    fs.writeFileSync(at('bom-crlf.yaml'), '\uFEFF' + SERVICE.replace('web', 'crlf').replace(/\n/g, '\r\n'));
    const big = fs.openSync(at('sparse-50mb.yaml'), 'w');
    fs.ftruncateSync(big, 50 * 1024 * 1024);
    fs.closeSync(big);
    fs.writeFileSync(at('long-line.json'), '{"apiVersion": "v1", "kind": "ConfigMap", "data": {"x": "' + 'x'.repeat(5 * 1024 * 1024) + '"}}');
    const hasDevZero = fs.existsSync('/dev/zero');
    if (hasDevZero) fs.symlinkSync('/dev/zero', at('zero.yaml'));
    fs.symlinkSync('folder.yaml', at('folder-link.yaml'));
    // a FIFO itself is not a file the walk collects; a link to one is, and reading it would block
    const hasFifo = spawnSync('mkfifo', [at('fifo.yaml')]).status === 0;
    if (hasFifo) fs.symlinkSync('fifo.yaml', at('fifo-link.yaml'));
    const { code, stdout, stderr } = lint(folder);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as JsonReport;
    const byFile = Object.fromEntries(report.findings.map((finding) => [finding.file, `${finding.ruleId}: ${finding.message}`]));
    const rel = (name: string) => path.relative(folder, at(name));
    const expected: Record<string, string> = {
      [rel('binary.yaml')]: 'file-skipped: File skipped: it contains NUL bytes, so it is not a text manifest.',
      [rel('dangling.yaml')]: 'file-skipped: File skipped: cannot read it (no such file (a broken link?)).',
      [rel('self-loop.yaml')]: 'file-skipped: File skipped: cannot read it (a loop of symbolic links).',
      [rel('long-line.json')]: 'file-skipped: File skipped: 5242940 characters is over the limit of 5000000 (setting maxFileSize).',
      [rel('folder-link.yaml')]: 'file-skipped: File skipped: cannot read it (is a folder).',
      [rel('sparse-50mb.yaml')]: 'file-skipped: File skipped: 52428800 bytes is over the limit of 5000000 characters (setting maxFileSize).',
    };
    if (hasDevZero) expected[rel('zero.yaml')] = 'file-skipped: File skipped: cannot read it (not a regular file).';
    if (hasFifo) expected[rel('fifo-link.yaml')] = 'file-skipped: File skipped: cannot read it (not a regular file).';
    assert.deepEqual(byFile, expected);
    // service, inner, invalid-utf8, utf16-odd, bom-crlf and the skipped ones; the loop is not followed
    assert.equal(report.files, 11 + (hasDevZero ? 1 : 0) + (hasFifo ? 1 : 0));
  });

  it('reports an unreadable file and an unreadable folder without failing', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, () => {
    const folder = tempFolder();
    fs.writeFileSync(path.join(folder, 'locked.yaml'), SERVICE);
    fs.chmodSync(path.join(folder, 'locked.yaml'), 0);
    fs.mkdirSync(path.join(folder, 'closed'));
    fs.writeFileSync(path.join(folder, 'closed', 'hidden.yaml'), SERVICE);
    fs.chmodSync(path.join(folder, 'closed'), 0);
    const { code, stdout } = lint(folder);
    fs.chmodSync(path.join(folder, 'closed'), 0o755);
    assert.equal(code, 0);
    assert.deepEqual((JSON.parse(stdout) as JsonReport).findings.map((finding) => finding.message), ['File skipped: cannot read it (permission denied).']);
  });

  it('finishes with its contract when files are deleted while it reads them', async () => {
    const folder = tempFolder();
    const count = 1500;
    for (let index = 0; index < count; index++) fs.writeFileSync(path.join(folder, `f${index}.yaml`), SERVICE.replace('web', `web-${index}`));
    const child = spawn(process.execPath, [cliPath, 'lint', '.', '--format', 'json'], { cwd: folder, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for (let index = count - 1; index >= 0; index -= 2) fs.rmSync(path.join(folder, `f${index}.yaml`), { force: true });
    const code = await exited;
    assert.ok(code === 0 || code === 2, `exit ${code}: ${stderr}`);
    assert.doesNotMatch(stderr, /internal error/);
    if (code === 0) {
      const report = JSON.parse(stdout) as JsonReport;
      for (const finding of report.findings) assert.equal(finding.message, 'File skipped: cannot read it (no such file (a broken link?)).');
    }
  });
});
