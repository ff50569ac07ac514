import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { lines } from '../helpers/modelFrom';
import { LspSession, messageOf, uriOf } from './lspHarness';

const SERVICE = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: NAME', 'spec:', '  type: Marked', '  ports:', '  - port: 80');
const CREATED = 1;
const CHANGED = 2;

/** Files the server does not read, or not from where a link points: reported as the CLI reports them. */
describe('files the server skips', () => {
  const folders: string[] = [];
  const tempFolder = (): string => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-skipped-'));
    folders.push(folder);
    return folder;
  };
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** The message of a file's one diagnostic, `rule: message`, or '' without one. */
  const findingOf = (session: LspSession, file: string): string => {
    const diagnostics = session.diagnostics.get(uriOf(file)) ?? [];
    return diagnostics.map((diagnostic) => `${String(diagnostic.code)}: ${messageOf(diagnostic)}`).join('\n');
  };

  it('reports a file that becomes a huge file, a FIFO, a folder or a link out of the folder, and forgets one deleted', async () => {
    const folder = tempFolder();
    const outside = tempFolder();
    fs.writeFileSync(path.join(outside, 'secret.yaml'), SERVICE.replace('NAME', 'secret'));
    const names = ['huge', 'fifo', 'folder', 'outside', 'gone'];
    for (const name of names) fs.writeFileSync(path.join(folder, `${name}.yaml`), SERVICE.replace('NAME', name));
    const session = await LspSession.start([folder]);
    try {
      for (const name of names) assert.match(findingOf(session, path.join(folder, `${name}.yaml`)), /^service-type-unsupported: /, name);
      const at = (name: string): string => path.join(folder, `${name}.yaml`);
      fs.rmSync(at('huge'));
      fs.symlinkSync('data.bin', at('huge'));
      const huge = fs.openSync(path.join(folder, 'data.bin'), 'w');
      fs.ftruncateSync(huge, 1024 * 1024 * 1024);
      fs.closeSync(huge);
      fs.rmSync(at('fifo'));
      const hasFifo = spawnSync('mkfifo', [at('fifo')]).status === 0;
      fs.rmSync(at('folder'));
      fs.mkdirSync(at('folder'));
      fs.rmSync(at('outside'));
      fs.symlinkSync(path.join(outside, 'secret.yaml'), at('outside'));
      fs.rmSync(at('gone'));
      const rss = process.memoryUsage().rss;
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: names.map((name) => ({ uri: uriOf(at(name)), type: CHANGED })) });
      const expected: Record<string, string> = {
        huge: 'file-skipped: File skipped: 1073741824 bytes is over the limit of 5000000 characters (setting maxFileSize).',
        fifo: hasFifo ? 'file-skipped: File skipped: cannot read it (not a regular file).' : '',
        folder: 'file-skipped: File skipped: cannot read it (is a folder).',
        outside: `file-skipped: File skipped: it is a link to ${path.join(fs.realpathSync(outside), 'secret.yaml')}, outside the folders analysed; such links are not followed.`,
        gone: '',
      };
      const found = (): Record<string, string> => Object.fromEntries(names.map((name) => [name, findingOf(session, at(name))]));
      await session.until(() => found().gone === '' && Object.values(found()).filter((finding) => finding.startsWith('file-skipped')).length === (hasFifo ? 4 : 3));
      assert.deepEqual(found(), expected);
      // nothing of the gigabyte was read
      assert.ok(process.memoryUsage().rss - rss < 200 * 1024 * 1024);
    } finally {
      await session.dispose();
    }
  });

  it('closing a file that is a link out of the folder drops its editor text for the skip finding', async () => {
    const folder = tempFolder();
    const outside = tempFolder();
    fs.writeFileSync(path.join(outside, 'secret.yaml'), SERVICE.replace('NAME', 'secret'));
    const link = path.join(folder, 'link.yaml');
    fs.symlinkSync(path.join(outside, 'secret.yaml'), link);
    const session = await LspSession.start([folder]);
    try {
      const skipped = `file-skipped: File skipped: it is a link to ${path.join(fs.realpathSync(outside), 'secret.yaml')}, outside the folders analysed; such links are not followed.`;
      assert.equal(findingOf(session, link), skipped);
      // opened, it is what the editor shows; closed, it is what is on disk
      await session.open(uriOf(link), SERVICE.replace('NAME', 'opened'));
      await session.until(() => findingOf(session, link).startsWith('service-type-unsupported'));
      await session.close(uriOf(link));
      await session.until(() => findingOf(session, link) === skipped);
    } finally {
      await session.dispose();
    }
  });

  it('skips out/, dist/ and node_modules/ as the CLI does, when listed and when they change', async () => {
    const folder = tempFolder();
    const generated = ['out/service.yaml', 'dist/service.yaml', 'node_modules/chart/service.yaml', 'deep/out/service.yaml'];
    for (const name of [...generated, 'src/service.yaml']) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), SERVICE.replace('NAME', 'generated'));
    }
    // a folder that only starts like one is read
    fs.mkdirSync(path.join(folder, 'outputs'));
    fs.writeFileSync(path.join(folder, 'outputs', 'service.yaml'), SERVICE.replace('NAME', 'outputs'));
    const session = await LspSession.start([folder]);
    try {
      assert.equal(session.statuses[session.statuses.length - 1].files, 2);
      assert.deepEqual([...session.diagnostics.keys()].sort(), [uriOf(path.join(folder, 'outputs', 'service.yaml')), uriOf(path.join(folder, 'src', 'service.yaml'))]);
      // a build writes out/ again
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: generated.map((name) => ({ uri: uriOf(path.join(folder, name)), type: CREATED })) });
      fs.writeFileSync(path.join(folder, 'src', 'other.yaml'), SERVICE.replace('NAME', 'other'));
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(folder, 'src', 'other.yaml')), type: CREATED }] });
      await session.until(() => session.diagnostics.has(uriOf(path.join(folder, 'src', 'other.yaml'))) && session.statuses[session.statuses.length - 1].files === 3);
      for (const name of generated) assert.equal(session.diagnostics.has(uriOf(path.join(folder, name))), false, name);
    } finally {
      await session.dispose();
    }
  });

  it('holds nothing of many links to a file over the limit in characters but not in bytes', async () => {
    const folder = tempFolder();
    // 2.9 million characters: under the 3 × 1,000,000 bytes read, over the 1,000,000 characters parsed
    fs.writeFileSync(path.join(folder, 'big.txt'), '# ' + 'x'.repeat(2_900_000) + '\n');
    const links = Array.from({ length: 64 }, (_, index) => path.join(folder, `link-${index}.yaml`));
    for (const link of links) fs.symlinkSync('big.txt', link);
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const session = await LspSession.start([folder], { kubeLookup: { maxFileSize: 1_000_000 } }, 30_000);
    try {
      for (const link of links) assert.equal(findingOf(session, link), 'file-skipped: File skipped: 2900003 characters is over the limit of 1000000 (setting maxFileSize).');
      gc();
      // 64 texts of 2.9 MB would be 186 MB
      const held = process.memoryUsage().heapUsed - before;
      assert.ok(held < 40 * 1024 * 1024, `${Math.round(held / 1024 / 1024)} MB held`);
    } finally {
      await session.dispose();
    }
  });

  it('reads again the files over the size limit when the limit is raised', async () => {
    const folder = tempFolder();
    const file = path.join(folder, 'service.yaml');
    fs.writeFileSync(file, SERVICE.replace('NAME', 'long') + '#'.repeat(400) + '\n');
    const session = await LspSession.start([folder], { kubeLookup: { maxFileSize: 100 } });
    try {
      assert.equal(findingOf(session, file), `file-skipped: File skipped: ${fs.statSync(file).size} bytes is over the limit of 100 characters (setting maxFileSize).`);
      session.settings.kubeLookup = { maxFileSize: 1000 };
      await session.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await session.until(() => findingOf(session, file).startsWith('service-type-unsupported'));
    } finally {
      await session.dispose();
    }
  });
});
