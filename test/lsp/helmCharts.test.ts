import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RENDERED_MANIFEST_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type RenderedManifestResult } from '../../server/src/protocol';
import { helmOnPath } from '../helpers/helmOnPath';
import { fixturesRoot } from '../helpers/paths';
import { cliFindings, serverFindings } from './cliComparison';
import { LspSession } from './lspHarness';

/**
 * Helm charts in the editor go through the CLI's code: rendered with `helm template` in a trusted
 * workspace with helm on PATH (here the stand-in of helpers/helmStandIn.ts, which prints output
 * captured in Helm 3's format), else one `helm-not-rendered` note per chart and no `templated-file`
 * finding per template. The stand-in is put on this process's PATH: the server runs in it.
 */

/** A copy of the chart fixtures, and of the captured outputs the stand-in prints: the tests change both on disk. */
function copyOfCharts(): { folder: string; outputs: Record<string, string> } {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-editor-helm-')));
  fs.cpSync(path.join(fixturesRoot, 'helm', 'charts'), path.join(folder, 'charts'), { recursive: true });
  fs.cpSync(path.join(fixturesRoot, 'helm', 'captured'), path.join(folder, 'captured'), { recursive: true });
  return { folder: path.join(folder, 'charts'), outputs: { web: path.join(folder, 'captured', 'web-shop.txt'), shop: path.join(folder, 'captured', 'shop-shop.txt') } };
}

const uri = (folder: string, file: string): string => pathToFileURL(path.join(folder, file)).href;
const notes = (session: LspSession, folder: string): string[] => serverFindings(session, folder).filter((line) => line.split(' ')[1] === 'helm-not-rendered');
/**
 * The CLI's findings of the folder, rendered, less those on templates of a subchart kept as an
 * archive (charts/*.tgz): the CLI names the template inside the archive, a file the editor cannot
 * show (those findings are not published).
 */
function cliOnFiles(folder: string): { onFiles: string[]; inArchives: string[] } {
  const all = cliFindings(folder, { render: true });
  const onDisk = (line: string): boolean => fs.existsSync(path.join(folder, line.split(' ')[0]));
  return { onFiles: all.filter(onDisk), inArchives: all.filter((line) => !onDisk(line)) };
}

/** Runs `body` with the stand-in helm first on this process's PATH (and its settings in the environment). */
async function withHelm<T>(outputs: Record<string, string>, body: (calls: () => { argv: string[] }[]) => Promise<T>): Promise<T> {
  const helm = helmOnPath(outputs);
  const saved = { ...process.env };
  Object.assign(process.env, helm.env);
  try {
    return await body(helm.calls);
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    helm.remove();
  }
}

describe('Helm charts in the editor', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('in an untrusted workspace: one helm-not-rendered note per chart, on its Chart.yaml, and no templated-file per template; rendered once trusted', async () => {
    const { folder, outputs } = copyOfCharts();
    folders.push(folder);
    await withHelm(outputs, async (calls) => {
      const session = await LspSession.start([folder], {}, 20_000, { renderDelayMs: 50 });
      try {
        await session.until(() => notes(session, folder).length === 5, 20_000);
        // give a (wrong) render or a late templated-file the time to come
        await new Promise((resolve) => setTimeout(resolve, 300));
        const untrusted = 'Not rendered: this workspace is not trusted, and kube-lookup runs helm only in trusted workspaces, so the chart\'s templates are not checked. Trust the workspace to render it.';
        // the templates as written give nothing else: only the notes
        assert.deepEqual(serverFindings(session, folder), [
          `api/Chart.yaml helm-not-rendered info 1:6-1:9 ${untrusted}`,
          'common/Chart.yaml helm-not-rendered info 1:6-1:12 Not rendered: a library chart renders no objects of its own; it is checked where a chart that uses it is rendered.',
          `shop/Chart.yaml helm-not-rendered info 1:6-1:10 ${untrusted}`,
          `shop/charts/db/Chart.yaml helm-not-rendered info 1:6-1:8 ${untrusted}`,
          `web/Chart.yaml helm-not-rendered info 1:6-1:9 ${untrusted}`,
        ]);
        const manifest = await session.client.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: uri(folder, 'web/templates/service.yaml') }) as RenderedManifestResult;
        assert.deepEqual(manifest, { cluster: 'web', error: `web: ${untrusted}` });
        assert.deepEqual(calls(), [], 'helm never runs in an untrusted workspace');
        await session.client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION, { trusted: true });
        await session.until(() => serverFindings(session, folder).some((line) => line.startsWith('web/templates/service.yaml service-target-port-not-found error 10:18-10:50 ')), 30_000);
        assert.deepEqual(calls().map((call) => path.basename(call.argv[2])).sort(), ['db', 'shop', 'web']);
      } finally {
        await session.dispose();
      }
    });
  });

  it('in a trusted workspace with helm on PATH: rendered as the CLI renders it, the findings on the template lines the CLI gives; a save renders the chart again, and only that chart', async () => {
    const { folder, outputs } = copyOfCharts();
    folders.push(folder);
    await withHelm(outputs, async (calls) => {
      const session = await LspSession.start([folder], {}, 20_000, { renderDelayMs: 50 }, { trustedWorkspace: true });
      try {
        const typo = (value: string) => (): boolean => serverFindings(session, folder).some((line) => line.startsWith('web/templates/service.yaml service-target-port-not-found error 10:18-10:50 ') && line.includes(`"${value}"`));
        await session.until(typo('htpp'), 30_000);
        const { onFiles: cli, inArchives } = cliOnFiles(folder);
        assert.deepEqual(inArchives.map((line) => line.split(' ').slice(0, 2).join(' ')), ['shop/charts/cache/templates/service.yaml service-selector-matches-nothing']);
        assert.ok(cli.some((line) => line.startsWith('shop/charts/db/templates/service.yaml service-target-port-not-found error 8:18-8:26 ')), cli.join('\n'));
        assert.ok(cli.some((line) => line.startsWith('web/templates/service.yaml service-target-port-not-found error 10:18-10:50 targetPort "htpp"')), cli.join('\n'));
        await session.until(() => JSON.stringify(serverFindings(session, folder)) === JSON.stringify(cli), 30_000).catch(() => undefined);
        assert.deepEqual(serverFindings(session, folder), cli);
        // the editor's runs and the CLI's: the same command lines (the release, namespace and values file of .kube-lookup.yaml)
        const runs = calls().map((call) => call.argv.join(' '));
        assert.deepEqual(runs.slice(0, runs.length / 2).sort(), runs.slice(runs.length / 2).sort());
        assert.ok(runs.includes(`template shop ${path.join(folder, 'web')} --namespace shop -f ${path.join(folder, 'web', 'ci', 'shop-values.yaml')}`), runs.join('\n'));

        const manifest = await session.client.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: uri(folder, 'web/templates/service.yaml') }) as RenderedManifestResult;
        assert.deepEqual(manifest, { cluster: 'web', text: fs.readFileSync(outputs.web, 'utf8') });

        // the values file changes on disk (and what helm prints with it): the chart is rendered again, the other charts are not
        const before = calls().length;
        const values = path.join(folder, 'web', 'ci', 'shop-values.yaml');
        fs.writeFileSync(values, fs.readFileSync(values, 'utf8').replace('targetPort: htpp', 'targetPort: htpx'));
        fs.writeFileSync(outputs.web, fs.readFileSync(outputs.web, 'utf8').replace('targetPort: htpp', 'targetPort: htpx'));
        await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(folder, 'web/ci/shop-values.yaml'), type: 2 }] });
        await session.until(typo('htpx'), 30_000);
        assert.deepEqual(calls().slice(before).map((call) => call.argv[2]), [path.join(folder, 'web')]);
        assert.ok(!typo('htpp')());
        const after = cliOnFiles(folder).onFiles;
        await session.until(() => JSON.stringify(serverFindings(session, folder)) === JSON.stringify(after), 30_000).catch(() => undefined);
        assert.deepEqual(serverFindings(session, folder), after);
      } finally {
        await session.dispose();
      }
    });
  });
});
