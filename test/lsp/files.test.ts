import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { listManifests } from '../../server/src/lsp/files';
import { readManifests, readManifestsHere, readManifestsInWorker, type ReadManifest } from '../../server/src/lsp/readManifests';
import { uriOf } from './lspHarness';

describe('manifest files on disk', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-files-'));
  after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const at = (name: string): string => path.join(folder, name);
  const write = (name: string, content: string | Buffer): string => {
    fs.mkdirSync(path.dirname(at(name)), { recursive: true });
    fs.writeFileSync(at(name), content);
    return uriOf(at(name));
  };

  it('lists manifests level by level, sorted, without node_modules, excluded folders or links to folders', async () => {
    for (let team = 0; team < 3; team++) for (let app = 0; app < 40; app++) write(`list/team-${team}/app-${app}/service.yaml`, 'kind: Service\n');
    write('list/node_modules/chart/service.yaml', 'kind: Service\n');
    write('list/vendor/service.yaml', 'kind: Service\n');
    write('list/notes.txt', 'not a manifest\n');
    fs.symlinkSync(at('list/team-0'), at('list/link-to-team-0'));
    const listed = await listManifests(uriOf(at('list')), (uri) => uri.endsWith('/vendor'));
    assert.equal(listed.length, 120);
    assert.deepEqual(listed, [...listed].sort());
    assert.ok(listed.every((uri) => /\/list\/team-\d\/app-\d+\/service\.yaml$/.test(uri)));
  });

  it('reads many files at once and gives their texts in the order asked, small folders too', async () => {
    const uris = Array.from({ length: 700 }, (_, index) => write(`many/${String(index).padStart(3, '0')}.yaml`, `index: ${index}\n`));
    for (const some of [uris, uris.slice(0, 100)]) {
      const read: string[] = [];
      for await (const { uri, text } of readManifests(some)) {
        assert.equal(text, `index: ${read.length}\n`);
        read.push(uri);
      }
      assert.deepEqual(read, some);
    }
  });

  // the ways of reading, whatever the number of files
  const readers: [string, (uris: readonly string[]) => AsyncGenerator<ReadManifest>][] = [
    ['in a worker', (uris) => readManifestsInWorker(uris)],
    ['here', readManifestsHere],
    ['here, the worker not found', (uris) => readManifestsInWorker(uris, path.join(folder, 'no-such-worker.js'))],
  ];
  const textsOf = async (reader: (uris: readonly string[]) => AsyncGenerator<ReadManifest>, uris: readonly string[]): Promise<(string | undefined)[]> => {
    const texts: (string | undefined)[] = [];
    for await (const { text } of reader(uris)) texts.push(text);
    return texts;
  };

  it('skips what is not a regular file without blocking: FIFOs, devices, folders, missing files', async () => {
    const service = write('odd/service.yaml', 'kind: Service\n');
    const uris = [service];
    // more FIFO links than the thread pool has threads: a blocking open or read would stall the rest
    if (spawnSync('mkfifo', [at('odd/fifo')]).status === 0) {
      for (let index = 0; index < 6; index++) {
        fs.symlinkSync('fifo', at(`odd/fifo-${index}.yaml`));
        uris.push(uriOf(at(`odd/fifo-${index}.yaml`)));
      }
    }
    if (fs.existsSync('/dev/zero')) {
      fs.symlinkSync('/dev/zero', at('odd/zero.yaml'));
      uris.push(uriOf(at('odd/zero.yaml')));
    }
    fs.mkdirSync(at('odd/folder.yaml'));
    uris.push(uriOf(at('odd/folder.yaml')), uriOf(at('odd/missing.yaml')), 'untitled:Untitled-1', service);
    for (const [name, reader] of readers) {
      assert.deepEqual(await textsOf(reader, uris), ['kind: Service\n', ...uris.slice(1, -1).map(() => undefined), 'kind: Service\n'], name);
    }
  });

  it('reads a file whole whatever its size says: large, empty, or virtual (size 0 with text)', async () => {
    const large = 'a: b\n'.repeat(100_000);
    const uris = [write('sizes/large.yaml', large), write('sizes/empty.yaml', '')];
    // tens of kilobytes that stat calls 0 bytes, read in short pieces
    if (fs.existsSync('/proc/self/smaps')) uris.push(uriOf('/proc/self/smaps'));
    for (const [name, reader] of readers) {
      const texts = await textsOf(reader, uris);
      assert.equal(texts[0], large, name);
      assert.equal(texts[1], '', name);
      if (texts.length > 2) {
        assert.ok(texts[2]!.length > 16 * 1024, `${name}: ${texts[2]!.length} characters`);
        assert.match(texts[2]!, /\nVmFlags:[^\n]*\n$/, name);
      }
    }
  });

  it('drops a byte order mark and reads UTF-16LE when its mark says so', async () => {
    const utf8 = write('bom/utf8.yaml', '\ufeffkind: Service\n');
    const utf16 = write('bom/utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Service\n', 'utf16le')]));
    for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, [utf8, utf16]), ['kind: Service\n', 'kind: Service\n'], name);
  });
});
