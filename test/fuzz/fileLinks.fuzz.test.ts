import fc from 'fast-check';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fuzzParameters } from './budget';
import { findingsOfCli, findingsOfServer } from './folderFindings';

/** A Service of an unknown type: the error names the type, so a finding shows where the object came from. */
const SERVICE = (type: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ${type}\n  ports:\n  - port: 80\n`;

/** What a link can point at: a file or folder inside, a file outside, a FIFO, a device, nothing, or another link. */
const target = fc.oneof(
  fc.constantFrom('inside-file', 'inside-folder', 'outside-file', 'outside-folder-file', 'fifo', 'device', 'missing', 'huge'),
  fc.nat({ max: 7 }).map((index) => `link-${index}`),
);
const link = fc.record({ target, absolute: fc.boolean(), deep: fc.boolean() });

describe('fuzz: file links of every kind', () => {
  const folders: string[] = [];
  const tempFolder = (): string => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-links-'));
    folders.push(folder);
    return folder;
  };
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('the CLI and the language server report the same, and nothing from outside the folder is read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(link, { minLength: 1, maxLength: 8 }), async (links) => {
        const folder = tempFolder();
        const outside = tempFolder();
        const at = (name: string): string => path.join(folder, name);
        fs.writeFileSync(at('service.yaml'), SERVICE('Inside'));
        fs.mkdirSync(at('folder'));
        fs.writeFileSync(path.join(outside, 'secret.yaml'), SERVICE('Outside'));
        fs.mkdirSync(path.join(outside, 'nested'));
        fs.writeFileSync(path.join(outside, 'nested', 'secret.yaml'), SERVICE('Outside'));
        const huge = fs.openSync(at('huge.bin'), 'w');
        fs.ftruncateSync(huge, 64 * 1024 * 1024);
        fs.closeSync(huge);
        const hasFifo = spawnSync('mkfifo', [at('fifo')]).status === 0;
        const targets: Record<string, string> = {
          'inside-file': at('service.yaml'),
          'inside-folder': at('folder'),
          'outside-file': path.join(outside, 'secret.yaml'),
          'outside-folder-file': path.join(outside, 'nested', 'secret.yaml'),
          fifo: hasFifo ? at('fifo') : at('missing'),
          device: '/dev/null',
          missing: at('missing.yaml'),
          huge: at('huge.bin'),
        };
        links.forEach(({ target: to, absolute, deep }, index) => {
          const name = at(deep ? `deep/link-${index}.yaml` : `link-${index}.yaml`);
          fs.mkdirSync(path.dirname(name), { recursive: true });
          // a link to a link may point at one not made: a broken link, or at itself: a loop
          const destination = targets[to] ?? at(`${to}.yaml`);
          fs.symlinkSync(absolute ? destination : path.relative(path.dirname(name), destination), name);
        });
        const cli = findingsOfCli(folder);
        assert.equal(cli.files, 1 + links.length);
        assert.deepEqual(await findingsOfServer(folder), cli);
        // every link is the inside Service, or skipped with a reason
        for (const finding of cli.findings) assert.match(finding, /service-type-unsupported spec\.type: Unsupported value: "Inside"|file-skipped File skipped: /);
      }),
      fuzzParameters('file links: CLI and server', 5),
    );
  });
});
