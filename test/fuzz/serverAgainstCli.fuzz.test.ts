import fc from 'fast-check';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliFindings, serverFindings } from '../lsp/cliComparison';
import { LspSession, uriOf } from '../lsp/lspHarness';
import { fuzzParameters } from './budget';
import { applyMutations, mutation } from './mutations';
import { projectSeeds } from './seeds';

/** Where files go; folders among them are renamed and moved as a whole. */
const FILES = ['a.yaml', 'dir1/b.yaml', 'dir1/sub/c.yaml', 'dir2/d.yaml', 'dir3/e.yml', 'dir3/sub/f.json', 'dir2/sub/g.yaml'];
const FOLDERS = ['dir1', 'dir2', 'dir3', 'dir1/sub', 'dir2/sub', 'dir3/sub'];
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/** What a kustomization written into a folder may list: files and folders beside it, some missing, one outside. */
const RESOURCES = ['b.yaml', 'd.yaml', 'e.yml', 'sub', 'sub/c.yaml', 'g.yaml', '../dir1', 'missing.yaml'];
const content = fc.record({ seed: fc.nat({ max: projectSeeds.length - 1 }), damage: fc.array(mutation, { maxLength: 2 }) });
const step = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), file: fc.constantFrom(...FILES), content }),
  fc.record({ kind: fc.constant('edit' as const), file: fc.constantFrom(...FILES), content }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...FILES) }),
  fc.record({ kind: fc.constant('close' as const), file: fc.constantFrom(...FILES) }),
  fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom(...FOLDERS), to: fc.constantFrom(...FOLDERS) }),
  fc.record({ kind: fc.constant('move-out' as const), folder: fc.constantFrom(...FOLDERS) }),
  fc.record({ kind: fc.constant('move-in' as const), folder: fc.constantFrom(...FOLDERS) }),
  // apply units: the CLI and the server lint each kustomization's objects as a cluster of its own
  fc.record({ kind: fc.constant('kustomize' as const), folder: fc.constantFrom('.', ...FOLDERS), resources: fc.subarray(RESOURCES) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** A seed with its damage, as an editor holds it and as it reads back from disk (UTF-8, no byte order mark). */
function textOf({ seed, damage }: { seed: number; damage: Parameters<typeof applyMutations>[1] }): string {
  return Buffer.from(applyMutations(projectSeeds[seed].text, damage), 'utf8').toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Plays random steps on a workspace the server watches: files written and deleted on disk, edited
 * in the editor and closed, folders renamed, moved out and back in (each with the events an editor
 * sends), kustomizations written (apply units). Then the open documents are saved, and the
 * server's diagnostics must be what a cold `kube-lookup lint` of the folder prints: same rule ids,
 * ranges, messages and severities.
 */
describe('fuzz: the language server agrees with the CLI after any edit sequence', () => {
  const made: string[] = [];
  after(() => {
    for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('same findings from the server, edited and watched, as from a cold CLI run on the same files', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(content, { minLength: FILES.length, maxLength: FILES.length }), fc.array(step, { minLength: 1, maxLength: 12 }), fc.boolean(), async (initial, steps, offThread) => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-differential-'));
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-differential-out-'));
        made.push(folder, outside);
        FILES.forEach((file, index) => {
          fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
          fs.writeFileSync(path.join(folder, file), textOf(initial[index]));
        });
        // every file parsed in the worker thread, as large files are, or none
        // rendering off: the server reads the Kustomize files as written, as `lint --no-render` does (no untrusted-workspace notes)
        const session = await LspSession.start([folder], { kubeLookup: { render: false } }, 30_000, offThread ? { parseOffThreadFrom: 0 } : {});
        const open = new Map<string, string>();
        try {
          for (const action of steps) await play(session, folder, outside, open, action);
          // saved: the CLI reads what the editor holds
          for (const [file, text] of open) {
            fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            fs.writeFileSync(path.join(folder, file), text);
            await session.save(uriOf(path.join(folder, file)));
          }
          const cli = cliFindings(folder);
          await session.until(() => sameLists(serverFindings(session, folder), cli), 15_000).catch(() => undefined);
          assert.deepEqual(serverFindings(session, folder), cli, `steps: ${JSON.stringify(steps)}${offThread ? ', parsed in the worker thread' : ''}`);
        } finally {
          await session.dispose();
          fs.rmSync(folder, { recursive: true, force: true });
          fs.rmSync(outside, { recursive: true, force: true });
        }
      }),
      {
        ...fuzzParameters<[Parameters<typeof textOf>[0][], Step[], boolean]>('server against CLI edit sequences', 25),
        // found by this test: file events handled out of order left a deleted file in the model
        examples: [[
          [{ seed: 2, damage: [] }, { seed: 0, damage: [] }, { seed: 86 % projectSeeds.length, damage: [] }, { seed: 3, damage: [] }, { seed: 42 % projectSeeds.length, damage: [{ kind: 'line-endings', ending: '\r' }] }, { seed: 0, damage: [] }, { seed: 0, damage: [] }],
          [{ kind: 'write', file: 'a.yaml', content: { seed: 0, damage: [] } }, { kind: 'move-out', folder: 'dir1' }, { kind: 'move-out', folder: 'dir3' }, { kind: 'delete', file: 'a.yaml' }, { kind: 'rename', from: 'dir2', to: 'dir1' }, { kind: 'move-in', folder: 'dir2' }],
          false,
        ]],
      },
    );
  });
});

async function play(session: LspSession, folder: string, outside: string, open: Map<string, string>, action: Step): Promise<void> {
  const at = (relative: string): string => path.join(folder, relative);
  const event = (changes: [string, number][]): Promise<void> => session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([file, type]) => ({ uri: uriOf(file), type })) });
  const openUnder = (relative: string): boolean => [...open.keys()].some((file) => file.startsWith(relative + '/'));
  switch (action.kind) {
    case 'write': {
      if (open.has(action.file)) return;
      const existed = fs.existsSync(at(action.file));
      const created = firstMissingFolder(folder, path.dirname(action.file));
      fs.mkdirSync(path.dirname(at(action.file)), { recursive: true });
      fs.writeFileSync(at(action.file), textOf(action.content));
      await event([[created ?? at(action.file), existed ? CHANGED : CREATED]]);
      return;
    }
    case 'edit': {
      const text = textOf(action.content);
      if (open.has(action.file)) await session.edit(uriOf(at(action.file)), WHOLE, text);
      else await session.open(uriOf(at(action.file)), text);
      open.set(action.file, text);
      return;
    }
    case 'delete':
      if (open.has(action.file) || !fs.existsSync(at(action.file))) return;
      fs.rmSync(at(action.file));
      await event([[at(action.file), DELETED]]);
      return;
    case 'close':
      if (!open.has(action.file)) return;
      // closed unsaved: the file counts as it is on disk
      open.delete(action.file);
      await session.close(uriOf(at(action.file)));
      return;
    case 'rename': {
      const { from, to } = action;
      if (!fs.existsSync(at(from)) || fs.existsSync(at(to)) || to.startsWith(from + '/') || openUnder(from)) return;
      const created = firstMissingFolder(folder, path.dirname(to));
      fs.mkdirSync(path.dirname(at(to)), { recursive: true });
      fs.renameSync(at(from), at(to));
      await event([[at(from), DELETED], [created ?? at(to), CREATED]]);
      return;
    }
    case 'move-out': {
      const away = path.join(outside, action.folder.replace(/\//g, '_'));
      if (!fs.existsSync(at(action.folder)) || fs.existsSync(away) || openUnder(action.folder)) return;
      fs.renameSync(at(action.folder), away);
      await event([[at(action.folder), DELETED]]);
      return;
    }
    case 'kustomize': {
      const file = path.join(action.folder, 'kustomization.yaml');
      if (open.has(file) || !fs.existsSync(at(action.folder))) return;
      const existed = fs.existsSync(at(file));
      fs.writeFileSync(at(file), `resources:${action.resources.map((resource) => `\n- ${resource}`).join('') || ' []'}\n`);
      await event([[at(file), existed ? CHANGED : CREATED]]);
      return;
    }
    case 'move-in': {
      const away = path.join(outside, action.folder.replace(/\//g, '_'));
      if (!fs.existsSync(away) || fs.existsSync(at(action.folder)) || openUnder(action.folder)) return;
      const created = firstMissingFolder(folder, path.dirname(action.folder));
      fs.mkdirSync(path.dirname(at(action.folder)), { recursive: true });
      fs.renameSync(away, at(action.folder));
      await event([[created ?? at(action.folder), CREATED]]);
      return;
    }
  }
}

/** The outermost folder of `relative` that does not exist yet: the one a watcher reports as created. */
function firstMissingFolder(root: string, relative: string): string | undefined {
  let current = root;
  for (const part of relative === '.' ? [] : relative.split('/')) {
    current = path.join(current, part);
    if (!fs.existsSync(current)) return current;
  }
  return undefined;
}

function sameLists(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
