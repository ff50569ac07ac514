import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RENDERED_MANIFEST_REQUEST, SET_ACTIVE_CLUSTER_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type RenderedManifestResult } from '../../server/src/protocol';
import { findKustomizeTool } from '../../server/src/render/kustomizeTool';
import { buildKustomization } from '../../server/src/render/runKustomize';
import { fixturesRoot } from '../helpers/paths';
import { cliFindings, serverFindings } from './cliComparison';
import { LspSession } from './lspHarness';

/**
 * The language server renders Kustomize roots with the real kustomize or kubectl, only once the
 * workspace is trusted, and maps the findings as the CLI does. Without a tool that can build with
 * origin annotations these tests cannot run: they are skipped, loudly.
 */
const tool = findKustomizeTool();
const missing = tool ? unableToRender() : 'neither `kustomize` nor `kubectl` is on PATH: the editor rendering tests cannot run (install kubectl or kustomize)';
if (missing) process.stderr.write(`\n*** SKIPPED: ${missing} ***\n\n`);

function unableToRender(): string | undefined {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-probe-'));
  fs.writeFileSync(path.join(folder, 'kustomization.yaml'), 'resources: [config.yaml]\n');
  fs.writeFileSync(path.join(folder, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: probe}\n');
  const build = buildKustomization(folder, tool!);
  fs.rmSync(folder, { recursive: true, force: true });
  return build.ok && build.output.includes('config.kubernetes.io/origin') ? undefined : `${tool!.name} cannot build with origin annotations; the editor rendering tests need Kustomize 5 (kubectl 1.27 or later)`;
}

/** A copy of the rendering fixtures: the tests change files on disk. */
function copyOfOverlays(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-editor-render-'));
  fs.cpSync(path.join(fixturesRoot, 'rendering', 'overlays'), folder, { recursive: true });
  return fs.realpathSync(folder);
}

const uri = (folder: string, file: string): string => pathToFileURL(path.join(folder, file)).href;
const messages = (session: LspSession, folder: string, file: string): string[] => (session.diagnostics.get(uri(folder, file)) ?? []).map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.message}`);
/** A patch of overlays/prod sets this typo: only a rendered overlay reports it. */
const rendered = (session: LspSession, folder: string): boolean => messages(session, folder, 'overlays/prod/metrics-port.yaml').some((line) => line.includes('"metrix"'));

describe(`rendering in the editor with ${tool?.name ?? 'no tool'}`, { skip: missing }, () => {
  it('reads roots as written in an untrusted workspace and says why, then renders them once trusted, with the findings the CLI gives', async () => {
    const folder = copyOfOverlays();
    const session = await LspSession.start([folder], {}, 20_000, { renderDelayMs: 50 });
    try {
      await session.until(() => messages(session, folder, 'overlays/prod/kustomization.yaml').some((line) => line.startsWith('kustomize-not-rendered')), 20_000);
      assert.deepEqual(messages(session, folder, 'overlays/prod/kustomization.yaml'), ['kustomize-not-rendered@0:0 Not rendered: this workspace is not trusted, and kube-lookup runs kustomize only in trusted workspaces; the files are read as written. Trust the workspace to render it.']);
      assert.ok(!rendered(session, folder));
      await session.client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION, { trusted: true });
      await session.until(() => rendered(session, folder), 60_000);
      const cli = cliFindings(folder, { render: true });
      assert.ok(cli.some((line) => line.startsWith('overlays/staging/kustomization.yaml service-target-port-not-found error 17:20-17:25 ')), cli.join('\n'));
      await session.until(() => JSON.stringify(serverFindings(session, folder)) === JSON.stringify(cli), 60_000).catch(() => undefined);
      assert.deepEqual(serverFindings(session, folder), cli);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('renders again when a file of a root changes on disk; the other roots keep their findings; hovers and the rendered manifest show the rendered names', async () => {
    const folder = copyOfOverlays();
    const session = await LspSession.start([folder], {}, 20_000, { renderDelayMs: 50 }, { trustedWorkspace: true });
    try {
      await session.until(() => rendered(session, folder), 60_000);
      const legacy = messages(session, folder, 'apps/legacy/service.yaml');
      assert.ok(legacy.length > 0);
      // a typo changed in the base, on disk, as a save or another program would
      const service = path.join(folder, 'base', 'service.yaml');
      fs.writeFileSync(service, fs.readFileSync(service, 'utf8').replace('targetPort: htp ', 'targetPort: htpx'));
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(folder, 'base/service.yaml'), type: 2 }] });
      await session.until(() => messages(session, folder, 'base/service.yaml').filter((line) => line.includes('"htpx"')).length === 2, 60_000);
      assert.deepEqual(messages(session, folder, 'apps/legacy/service.yaml'), legacy);

      // the hover on the base's Service names it as the cluster picked renders it; overlays/broken (the file's first) is not rendered
      const text = fs.readFileSync(service, 'utf8');
      const line = text.split('\n').findIndex((row) => row.startsWith('  name: web'));
      const hover = async (): Promise<string> => ((await session.client.sendRequest('textDocument/hover', { textDocument: { uri: uri(folder, 'base/service.yaml') }, position: { line, character: 9 } })) as { contents: { value: string } } | null)?.contents.value ?? '';
      assert.doesNotMatch(await hover(), /Rendered/);
      for (const [cluster, namespace, name] of [['overlays/prod', 'prod', 'prod-web'], ['overlays/staging', 'staging', 'staging-web']]) {
        await session.client.sendRequest(SET_ACTIVE_CLUSTER_REQUEST, { uri: uri(folder, 'base/service.yaml'), cluster });
        assert.ok((await hover()).includes(`\n\n---\n\n**Rendered** by kustomize in cluster \`${cluster}\`: Service \`${namespace}/${name}\`  \n\`${name}.${namespace}.svc.cluster.local\``), await hover());
      }

      const manifest = await session.client.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: uri(folder, 'overlays/prod/kustomization.yaml') }) as RenderedManifestResult;
      assert.equal(manifest.cluster, 'overlays/prod');
      assert.ok('text' in manifest, JSON.stringify(manifest));
      assert.match(manifest.text, /^ {2}name: prod-web$/m);
      assert.match(manifest.text, /config\.kubernetes\.io\/origin/);
      const remote = await session.client.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: uri(folder, 'overlays/remote/kustomization.yaml') }) as RenderedManifestResult;
      assert.ok('error' in remote && /^overlays\/remote: Not rendered: .* is a remote resource/.test(remote.error), JSON.stringify(remote));
      const plain = await session.client.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: uri(folder, 'nothing.yaml') }) as RenderedManifestResult;
      assert.deepEqual(plain, { cluster: null, error: 'This file is not one kube-lookup reads.' });
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads roots as written, with no note, when kubeLookup.render is off', async () => {
    const folder = copyOfOverlays();
    const session = await LspSession.start([folder], { kubeLookup: { render: false } }, 20_000, { renderDelayMs: 50 }, { trustedWorkspace: true });
    try {
      const cli = cliFindings(folder);
      await session.until(() => JSON.stringify(serverFindings(session, folder)) === JSON.stringify(cli), 20_000).catch(() => undefined);
      // give a render pass the time to (wrongly) start
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(serverFindings(session, folder), cli);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
