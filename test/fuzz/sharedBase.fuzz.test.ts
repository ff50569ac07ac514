import fc from 'fast-check';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { manyObjects } from '../lsp/hostileTexts';
import { cliFindings, serverFindings } from '../lsp/cliComparison';
import { LspSession, uriOf } from '../lsp/lspHarness';
import { fuzzParameters } from './budget';
import { applyMutations, mutation } from './mutations';

/** A base shared by two overlays: its files belong to two apply units, each with objects of its own. */
const KUSTOMIZATIONS: Readonly<Record<string, string>> = {
  'base/kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n',
  'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n- p.yaml\n',
  'overlays/staging/kustomization.yaml': 'resources:\n- ../../base\n- s.yaml\n',
};
const FILES = ['base/a.yaml', 'base/b.yaml', 'overlays/prod/p.yaml', 'overlays/staging/s.yaml'];
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/**
 * Texts whose findings depend on what else the unit holds: a Pod whose subdomain names a Service
 * only one overlay defines (headless in one, not in the other), a Service whose selector and
 * target port only some units' workloads satisfy, Endpoints one letter off a Service, and a file of
 * 300 objects that the server reads into its models in several slices.
 */
const TEXTS = [
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n  labels:\n    app: client\nspec:\n  hostname: client\n  subdomain: db\n  containers:\n  - name: c\n    image: busybox\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres\n        ports:\n        - containerPort: 5432\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector:\n    app: client\n  ports:\n  - port: 80\n    targetPort: web\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: http\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - name: http\n          containerPort: 8080\n',
  'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: frnt\nsubsets:\n- addresses:\n  - ip: 10.1.2.3\n',
  manyObjects(150),
];

/** Where each run starts: the base's Pod names `db` as its subdomain, which prod defines headless and staging not. */
const START = [0, 3, 1, 2];

const content = fc.record({ text: fc.nat({ max: TEXTS.length - 1 }), damage: fc.array(mutation, { maxLength: 1 }) });
const step = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), file: fc.constantFrom(...FILES), content }),
  fc.record({ kind: fc.constant('write' as const), file: fc.constantFrom(...FILES), content }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...FILES) }),
  fc.record({ kind: fc.constant('close' as const), file: fc.constantFrom(...FILES) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function textOf({ text, damage }: { text: number; damage: Parameters<typeof applyMutations>[1] }): string {
  return Buffer.from(applyMutations(TEXTS[text], damage), 'utf8').toString('utf8').replace(/^\uFEFF/, '');
}

describe('fuzz: a base shared by two overlays, edited, in the server and the CLI', () => {
  it('same findings from the server as from a cold CLI run, each unit\'s own named as the CLI names it', { timeout: 600_000 }, async () => {
    let differing = 0;
    const parameters = fuzzParameters<[Step[], boolean]>('shared base against CLI edit sequences', 15);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.boolean(), async (steps, offThread) => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-shared-base-'));
        const at = (file: string): string => path.join(folder, file);
        for (const [file, text] of Object.entries(KUSTOMIZATIONS)) {
          fs.mkdirSync(path.dirname(at(file)), { recursive: true });
          fs.writeFileSync(at(file), text);
        }
        FILES.forEach((file, index) => fs.writeFileSync(at(file), TEXTS[START[index]]));
        // every file parsed in the worker thread and read into the models in slices, as large files are, or none
        // rendering off: the server reads the Kustomize files as written, as `lint --no-render` does (no untrusted-workspace notes)
        const session = await LspSession.start([folder], { kubeLookup: { render: false } }, 30_000, offThread ? { parseOffThreadFrom: 0 } : {});
        const open = new Map<string, string>();
        try {
          for (const action of steps) await play(session, at, open, action);
          for (const [file, text] of open) fs.writeFileSync(at(file), text);
          const cli = cliFindings(folder);
          if (cli.some((line) => line.includes('(in cluster overlays/'))) differing += 1;
          await session.until(() => serverFindings(session, folder).join('\n') === cli.join('\n'), 15_000).catch(() => undefined);
          assert.deepEqual(serverFindings(session, folder), cli, `steps: ${JSON.stringify(steps)}${offThread ? ', parsed in the worker thread' : ''}`);
        } finally {
          await session.dispose();
          fs.rmSync(folder, { recursive: true, force: true });
        }
      }),
      parameters,
    );
    // the case is there: in many runs some finding holds in one overlay only (6 of the 15 of npm test)
    assert.ok(differing >= Math.ceil((parameters.numRuns ?? 0) / 4), `only ${differing} runs had findings of one overlay only`);
  });
});

async function play(session: LspSession, at: (file: string) => string, open: Map<string, string>, action: Step): Promise<void> {
  const event = (file: string, type: number): Promise<void> => session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(at(file)), type }] });
  switch (action.kind) {
    case 'edit': {
      const text = textOf(action.content);
      if (open.has(action.file)) await session.edit(uriOf(at(action.file)), WHOLE, text);
      else await session.open(uriOf(at(action.file)), text);
      open.set(action.file, text);
      return;
    }
    case 'write': {
      if (open.has(action.file)) return;
      const existed = fs.existsSync(at(action.file));
      fs.writeFileSync(at(action.file), textOf(action.content));
      await event(action.file, existed ? CHANGED : CREATED);
      return;
    }
    case 'delete':
      if (open.has(action.file) || !fs.existsSync(at(action.file))) return;
      fs.rmSync(at(action.file));
      await event(action.file, DELETED);
      return;
    case 'close':
      if (!open.has(action.file)) return;
      open.delete(action.file);
      await session.close(uriOf(at(action.file)));
      return;
  }
}
