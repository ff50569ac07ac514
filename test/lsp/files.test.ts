import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultParseLimits, parseManifestFile } from '../../server/src/core/yaml/parseManifestFile';
import type { ManifestReadLimits } from '../../server/src/files/manifestRead';
import { listManifests, readLimitsOf } from '../../server/src/lsp/files';
import { readManifests, readManifestsHere, readManifestsInWorker, type ReadManifest } from '../../server/src/lsp/readManifests';
import { uriOf } from './lspHarness';

describe('manifest files on disk', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-files-'));
  after(() => fs.rmSync(folder, { recursive: true, force: true }));
  // as the server reads a workspace folder: nothing through a link out of it
  const limits: ManifestReadLimits = { maxFileSize: 5_000_000, within: [fs.realpathSync(folder)] };
  const at = (name: string): string => path.join(folder, name);
  const write = (name: string, content: string | Buffer): string => {
    fs.mkdirSync(path.dirname(at(name)), { recursive: true });
    fs.writeFileSync(at(name), content);
    return uriOf(at(name));
  };

  it('lists manifests level by level, sorted, without node_modules, out, dist, excluded folders or links to folders', async () => {
    for (let team = 0; team < 3; team++) for (let app = 0; app < 40; app++) write(`list/team-${team}/app-${app}/service.yaml`, 'kind: Service\n');
    write('list/node_modules/chart/service.yaml', 'kind: Service\n');
    write('list/vendor/service.yaml', 'kind: Service\n');
    write('list/notes.txt', 'not a manifest\n');
    for (const skipped of ['out', 'dist', 'deep/out']) write(`list/${skipped}/service.yaml`, 'kind: Service\n');
    // `?` and `#` are part of a file name, not a query or fragment
    write('list/?odd#name.yaml', 'kind: Service\n');
    fs.symlinkSync(at('list/team-0'), at('list/link-to-team-0'));
    const listed = await listManifests(uriOf(at('list')), (uri) => uri.endsWith('/vendor'));
    assert.equal(listed.length, 121);
    assert.deepEqual(listed, [...listed].sort());
    assert.ok(listed.slice(1).every((uri) => /\/list\/team-\d\/app-\d+\/service\.yaml$/.test(uri)), listed[0]);
    assert.equal(listed[0], uriOf(at('list/?odd#name.yaml')));
  });

  it('reads many files at once and gives their texts in the order asked, small folders too', async () => {
    const uris = Array.from({ length: 700 }, (_, index) => write(`many/${String(index).padStart(3, '0')}.yaml`, `index: ${index}\n`));
    for (const some of [uris, uris.slice(0, 100)]) {
      const read: string[] = [];
      for await (const { uri, read: content } of readManifests(some, limits)) {
        assert.equal(content.text, `index: ${read.length}\n`);
        read.push(uri);
      }
      assert.deepEqual(read, some);
    }
  });

  // the ways of reading, whatever the number of files
  type Reader = (uris: readonly string[], limits: ManifestReadLimits) => AsyncGenerator<ReadManifest>;
  const readers: [string, Reader][] = [
    ['in a worker', (uris, limits) => readManifestsInWorker(uris, limits)],
    ['here', readManifestsHere],
    ['here, the worker not found', (uris, limits) => readManifestsInWorker(uris, limits, path.join(folder, 'no-such-worker.js'))],
  ];
  /** Each file's text, or the message of its `file-skipped` finding. */
  const textsOf = async (reader: Reader, uris: readonly string[], readLimits = limits): Promise<string[]> => {
    const texts: string[] = [];
    for await (const { read } of reader(uris, readLimits)) texts.push(read.text ?? `skipped: ${read.skipped}`);
    return texts;
  };

  it('skips what is not a regular file without blocking, with the reason the CLI gives: FIFOs, devices, folders, broken links, missing files', async () => {
    const service = write('odd/service.yaml', 'kind: Service\n');
    const uris = [service];
    const expected = ['kind: Service\n'];
    // more FIFO links than the thread pool has threads: a blocking open or read would stall the rest
    if (spawnSync('mkfifo', [at('odd/fifo')]).status === 0) {
      for (let index = 0; index < 6; index++) {
        fs.symlinkSync('fifo', at(`odd/fifo-${index}.yaml`));
        uris.push(uriOf(at(`odd/fifo-${index}.yaml`)));
        expected.push('skipped: File skipped: cannot read it (not a regular file).');
      }
    }
    // a device inside the folder: not regular; /dev/zero itself lies outside it
    if (fs.existsSync('/dev/zero')) {
      fs.symlinkSync('/dev/zero', at('odd/zero.yaml'));
      uris.push(uriOf(at('odd/zero.yaml')));
      expected.push('skipped: File skipped: it is a link to /dev/zero, outside the folders analysed; such links are not followed.');
    }
    fs.mkdirSync(at('odd/folder.yaml'));
    fs.symlinkSync('nowhere.yaml', at('odd/broken.yaml'));
    fs.symlinkSync('loop.yaml', at('odd/loop.yaml'));
    uris.push(uriOf(at('odd/folder.yaml')), uriOf(at('odd/broken.yaml')), uriOf(at('odd/loop.yaml')), uriOf(at('odd/missing.yaml')), 'untitled:Untitled-1', service);
    expected.push(
      'skipped: File skipped: cannot read it (is a folder).',
      'skipped: File skipped: cannot read it (a broken link).',
      'skipped: File skipped: cannot read it (a loop of symbolic links).',
      'skipped: File skipped: cannot read it (no such file).',
      'skipped: File skipped: it is not a file on disk.',
      'kind: Service\n',
    );
    for (const readLimits of [limits, { ...limits, walked: true }]) {
      for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, uris, readLimits), expected, name);
    }
    // without a folder to stay in, the device is reached and refused for what it is
    if (fs.existsSync('/dev/zero')) {
      for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, [uriOf(at('odd/zero.yaml'))], { maxFileSize: 100 }), ['skipped: File skipped: cannot read it (not a regular file).'], name);
    }
    // only a path that is gone counts as missing: the server forgets it rather than report it
    const missing: boolean[] = [];
    for await (const { read } of readManifestsHere([uriOf(at('odd/broken.yaml')), uriOf(at('odd/missing.yaml'))], limits)) missing.push(read.skipped !== undefined && read.missing);
    assert.deepEqual(missing, [false, true]);
  });

  it('refuses a huge file unread, and stops reading where the limit is whatever the size said', async () => {
    const huge = fs.openSync(at('huge.bin'), 'w');
    fs.ftruncateSync(huge, 1024 * 1024 * 1024);
    fs.closeSync(huge);
    fs.mkdirSync(at('huge'));
    const links = Array.from({ length: 4 }, (_, index) => {
      fs.symlinkSync('../huge.bin', at(`huge/link-${index}.yaml`));
      return uriOf(at(`huge/link-${index}.yaml`));
    });
    for (const [name, reader] of readers) {
      const before = process.memoryUsage().rss;
      assert.deepEqual(await textsOf(reader, links), links.map(() => 'skipped: File skipped: 1073741824 bytes is over the limit of 5000000 characters (setting maxFileSize).'), name);
      assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, `${name}: read the file`);
    }
    // virtual files say they hold 0 bytes: the read stops past the limit, not at the end
    if (fs.existsSync('/proc/self/smaps')) {
      for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, [uriOf('/proc/self/smaps')], { maxFileSize: 100 }), ['skipped: File skipped: more than 300 bytes is over the limit of 100 characters (setting maxFileSize).'], name);
    }
  });

  it('skips a file over the limit in characters with the words of the parser, passing no text on', async () => {
    // 'é' is two bytes: 150 characters in 300 bytes, under the byte limit of 3 × 100
    const text = 'kind: Service\n# ' + 'é'.repeat(130) + '\n';
    const uri = write('long/service.yaml', text);
    const parser = parseManifestFile(text, { ...defaultParseLimits, maxFileSize: 100 }).issues.map((issue) => `skipped: ${issue.message}`);
    assert.equal(parser.length, 1);
    for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, [uri], { ...limits, maxFileSize: 100 }), parser, name);
  });

  it('does not follow links out of the folder, and follows those that stay in it', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.yaml'), 'kind: Secret\n');
      const inside = write('links/real/service.yaml', 'kind: Service\n');
      fs.symlinkSync(path.join(outside, 'secret.yaml'), at('links/absolute.yaml'));
      fs.symlinkSync(path.relative(at('links'), path.join(outside, 'secret.yaml')), at('links/relative.yaml'));
      fs.symlinkSync('real/service.yaml', at('links/inside.yaml'));
      // a link to a link that leaves
      fs.symlinkSync('absolute.yaml', at('links/chained.yaml'));
      const uris = ['absolute', 'relative', 'inside', 'chained'].map((name) => uriOf(at(`links/${name}.yaml`)));
      const leaves = `skipped: File skipped: it is a link to ${path.join(fs.realpathSync(outside), 'secret.yaml')}, outside the folders analysed; such links are not followed.`;
      // resolved whole, or only when the name is a link (a file found by walking the folder)
      for (const readLimits of [limits, { ...limits, walked: true }]) {
        for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, [...uris, inside], readLimits), [leaves, leaves, 'kind: Service\n', leaves, 'kind: Service\n'], name);
      }
      // the server's limits for a folder reached through a link: its real path counts
      fs.symlinkSync(at('links'), path.join(outside, 'workspace'));
      const throughLink = await readLimitsOf(uriOf(path.join(outside, 'workspace')), 1000);
      assert.deepEqual(throughLink, { maxFileSize: 1000, within: [fs.realpathSync(at('links'))], walked: false });
      for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, [uriOf(path.join(outside, 'workspace', 'inside.yaml'))], throughLink), ['kind: Service\n'], name);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads a file whole whatever its size says: large, empty, or virtual (size 0 with text)', async () => {
    const large = 'a: b\n'.repeat(100_000);
    const uris = [write('sizes/large.yaml', large), write('sizes/empty.yaml', '')];
    // tens of kilobytes that stat calls 0 bytes, read in short pieces
    if (fs.existsSync('/proc/self/smaps')) uris.push(uriOf('/proc/self/smaps'));
    for (const [name, reader] of readers) {
      const texts = await textsOf(reader, uris, { maxFileSize: 5_000_000 });
      assert.equal(texts[0], large, name);
      assert.equal(texts[1], '', name);
      if (texts.length > 2) {
        assert.ok(texts[2]!.length > 16 * 1024, `${name}: ${texts[2]!.length} characters`);
        assert.match(texts[2]!, /\nVmFlags:[^\n]*\n$/, name);
      }
    }
  });

  it('drops a byte order mark and reads UTF-16 in either byte order, with a mark or without', async () => {
    const text = '# Dienst für café — 服务\nkind: Service\n';
    const little = Buffer.from(text, 'utf16le');
    const big = Buffer.from(little).swap16();
    const uris = [
      write('bom/utf8.yaml', '\ufeff' + text),
      write('bom/utf16le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), little])),
      write('bom/utf16be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), big])),
      write('bom/utf16le-no-mark.yaml', little),
      write('bom/utf16be-no-mark.yaml', big),
    ];
    for (const [name, reader] of readers) assert.deepEqual(await textsOf(reader, uris), uris.map(() => text), name);
  });

  it('does not take binary data or UTF-8 for UTF-16 without a mark', async () => {
    const binary = Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 31) % 256));
    // an ASCII character and a NUL byte first, then no such pattern
    const mostlyBinary = Buffer.concat([Buffer.from('a\u0000', 'latin1'), Buffer.alloc(510, 0xff)]);
    const uris = [write('binary/a.yaml', binary), write('binary/b.yaml', mostlyBinary), write('binary/utf8.yaml', 'kind: Service\n')];
    for (const [name, reader] of readers) {
      const [a, b, utf8] = await textsOf(reader, uris);
      assert.equal(a, binary.toString('utf8'), name);
      assert.equal(b, mostlyBinary.toString('utf8'), name);
      assert.equal(utf8, 'kind: Service\n', name);
    }
  });
});
