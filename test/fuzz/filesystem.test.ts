import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliPath } from '../helpers/paths';
import { findingsOfCli, findingsOfServer } from './folderFindings';

interface JsonReport {
  files: number;
  findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number }[];
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';
/** A Service of no known type: its error shows the file was read. */
const MARKED = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: NAME\nspec:\n  type: Marked\n  ports:\n  - port: 80\n';

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

  /**
   * A folder of every kind of file link, odd encodings and names that URIs spell differently,
   * beside a folder outside it that links lead to.
   */
  function hostileFolder(): { folder: string; outside: string; hasDevZero: boolean; hasFifo: boolean } {
    const folder = tempFolder();
    const outside = tempFolder();
    const at = (name: string): string => path.join(folder, name);
    const put = (name: string, content: string | Buffer): void => {
      fs.mkdirSync(path.dirname(at(name)), { recursive: true });
      fs.writeFileSync(at(name), content);
    };
    put('service.yaml', SERVICE);
    fs.symlinkSync(folder, at('loop'));
    fs.symlinkSync('self-loop.yaml', at('self-loop.yaml'));
    fs.symlinkSync('nowhere.yaml', at('dangling.yaml'));
    fs.mkdirSync(at('folder.yaml'));
    put('folder.yaml/inner.yml', SERVICE.replace('web', 'inner'));
    put('binary.yaml', Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 31) % 256)));
    put('invalid-utf8.yaml', Buffer.concat([Buffer.from(SERVICE.replace('web', 'bytes')), Buffer.from([0x23, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0x0a])]));
    put('utf16-odd.yaml', Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x3a]));
    put('bom-crlf.yaml', '\uFEFF' + SERVICE.replace('web', 'crlf').replace(/\n/g, '\r\n'));
    // UTF-16 as Windows tools write it, with and without a byte order mark: read, not taken for binary
    put('utf16le.yaml', Buffer.from(MARKED.replace('NAME', 'utf16le'), 'utf16le'));
    put('utf16be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(MARKED.replace('NAME', 'utf16be'), 'utf16le').swap16()]));
    const big = fs.openSync(at('sparse-50mb.yaml'), 'w');
    fs.ftruncateSync(big, 50 * 1024 * 1024);
    fs.closeSync(big);
    fs.symlinkSync('sparse-50mb.yaml', at('sparse-link.yaml'));
    put('long-line.json', '{"apiVersion": "v1", "kind": "ConfigMap", "data": {"x": "' + 'x'.repeat(5 * 1024 * 1024) + '"}}');
    const hasDevZero = fs.existsSync('/dev/zero');
    if (hasDevZero) fs.symlinkSync('/dev/zero', at('zero.yaml'));
    fs.symlinkSync('folder.yaml', at('folder-link.yaml'));
    // a FIFO itself is not a file the walk collects; a link to one is, and reading it would block
    const hasFifo = spawnSync('mkfifo', [at('fifo.yaml')]).status === 0;
    if (hasFifo) fs.symlinkSync('fifo.yaml', at('fifo-link.yaml'));
    // links out of the folder, straight, relative and through another link, are not followed
    fs.writeFileSync(path.join(outside, 'secret.yaml'), MARKED.replace('NAME', 'outside'));
    fs.symlinkSync(path.join(outside, 'secret.yaml'), at('outside-absolute.yaml'));
    fs.symlinkSync(path.relative(folder, path.join(outside, 'secret.yaml')), at('outside-relative.yaml'));
    fs.symlinkSync('outside-absolute.yaml', at('outside-chained.yaml'));
    // a link that stays inside is followed
    fs.symlinkSync('service.yaml', at('inside-link.yaml'));
    // generated and vendored folders are skipped by both
    for (const skipped of ['out', 'dist', 'node_modules/chart']) put(`${skipped}/service.yaml`, MARKED.replace('NAME', 'generated'));
    // the same Service in folders whose names sort differently raw and percent-encoded: the first by path wins
    put('é/service.yaml', SERVICE.replace('web', 'twice').replace('spec:\n', 'spec:\n  selector:\n    app: twice\n'));
    put('f/service.yaml', SERVICE.replace('web', 'twice'));
    put('a b#1%41?/service.yaml', SERVICE.replace('web', 'twice').replace('port: 80', 'port: 81'));
    put('endpoints.yaml', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: twice\nsubsets:\n- addresses:\n  - ip: 10.0.0.1\n  ports:\n  - port: 80\n');
    return { folder, outside, hasDevZero, hasFifo };
  }

  it('skips links, devices, FIFOs, folders, binaries and oversized files with a reason each, and lints the rest', () => {
    const { folder, outside, hasDevZero, hasFifo } = hostileFolder();
    const { code, stdout, stderr } = lint(folder);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as JsonReport;
    const byFile = Object.fromEntries(report.findings.filter((finding) => finding.ruleId === 'file-skipped').map((finding) => [finding.file, finding.message]));
    const secret = path.join(fs.realpathSync(outside), 'secret.yaml');
    const expected: Record<string, string> = {
      'binary.yaml': 'File skipped: it contains NUL bytes, so it is not a text manifest.',
      'dangling.yaml': 'File skipped: cannot read it (a broken link).',
      'self-loop.yaml': 'File skipped: cannot read it (a loop of symbolic links).',
      'long-line.json': 'File skipped: 5242940 characters is over the limit of 5000000 (setting maxFileSize).',
      'folder-link.yaml': 'File skipped: cannot read it (is a folder).',
      'sparse-50mb.yaml': 'File skipped: 52428800 bytes is over the limit of 5000000 characters (setting maxFileSize).',
      'sparse-link.yaml': 'File skipped: 52428800 bytes is over the limit of 5000000 characters (setting maxFileSize).',
      'outside-absolute.yaml': `File skipped: it is a link to ${secret}, outside the folders analysed; such links are not followed.`,
      'outside-relative.yaml': `File skipped: it is a link to ${secret}, outside the folders analysed; such links are not followed.`,
      'outside-chained.yaml': `File skipped: it is a link to ${secret}, outside the folders analysed; such links are not followed.`,
    };
    if (hasDevZero) expected['zero.yaml'] = 'File skipped: it is a link to /dev/zero, outside the folders analysed; such links are not followed.';
    if (hasFifo) expected['fifo-link.yaml'] = 'File skipped: cannot read it (not a regular file).';
    assert.deepEqual(byFile, expected);
    // the UTF-16 files are read; nothing from outside or from the skipped folders counts
    const marked = report.findings.filter((finding) => finding.ruleId === 'service-type-unsupported').map((finding) => finding.file);
    assert.deepEqual(marked.sort(), ['utf16be.yaml', 'utf16le.yaml']);
    // the first definition by path is \`a b#1%41?/\` (no selector), not \`é/\` (a selector), which comes first percent-encoded
    assert.deepEqual(report.findings.filter((finding) => finding.file === 'endpoints.yaml').map((finding) => finding.ruleId), ['endpoints-deprecated']);
    // the links to a folder are not followed as folders
    assert.equal(report.files, 22 + (hasDevZero ? 1 : 0) + (hasFifo ? 1 : 0));
  });

  it('the language server reports the same findings on the same files, skipped ones included', async () => {
    const { folder } = hostileFolder();
    const cli = findingsOfCli(folder);
    assert.deepEqual(await findingsOfServer(folder), cli);
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
      for (const finding of report.findings) assert.equal(finding.message, 'File skipped: cannot read it (no such file).');
    }
  });
});
