import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver/node';
import { CLUSTERS_REQUEST, SET_ACTIVE_CLUSTER_REQUEST, SIMULATE_NSLOOKUP_REQUEST, type ClustersResult, type SimulateNslookupResult } from '../../server/src/protocol';
import { cliPath, fixturesRoot } from '../helpers/paths';
import { LspSession, messageOf, positionOf, uriOf } from './lspHarness';

const overlays = path.join(fixturesRoot, 'repositories', 'kustomize-overlays');

/** A writable copy of the kustomize-overlays fixture (a base, three overlays, patches), plus extra files. */
function copyOfOverlays(extra: Record<string, string> = {}): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-units-'));
  fs.cpSync(overlays, folder, { recursive: true });
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(folder, name), text);
  return folder;
}

/** `kube-lookup lint --format json --no-render` in the folder (the editor reads Kustomize files as written), as `uri → code@range message` lines. */
function cliDiagnostics(folder: string): Record<string, string[]> {
  const result = spawnSync(process.execPath, [cliPath, 'lint', '--format', 'json', '--no-render'], { cwd: folder, encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as { findings: { ruleId: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number }[] };
  const byFile: Record<string, string[]> = {};
  for (const finding of report.findings) {
    (byFile[uriOf(path.join(folder, finding.file))] ??= []).push(`${finding.ruleId}@${finding.line - 1}:${finding.column - 1}-${finding.endLine - 1}:${finding.endColumn - 1} ${finding.message}`);
  }
  return byFile;
}

/** What the server published, in the same shape; files whose diagnostics are empty are left out. */
function editorDiagnostics(session: LspSession): Record<string, string[]> {
  const byFile: Record<string, string[]> = {};
  for (const [uri, diagnostics] of session.diagnostics) {
    if (diagnostics.length === 0) continue;
    byFile[uri] = diagnostics.map(({ code, range, ...rest }) => `${code}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${messageOf({ code, range, ...rest })}`);
  }
  return byFile;
}

/** Waits until the editor publishes what the CLI prints for the folder as it is on disk, then compares (in any order). */
async function agreesWithCli(session: LspSession, folder: string): Promise<void> {
  const expected = sorted(cliDiagnostics(folder));
  await session.until(() => JSON.stringify(sorted(editorDiagnostics(session))) === JSON.stringify(expected), 10_000).catch(() => undefined);
  assert.deepEqual(sorted(editorDiagnostics(session)), expected);
}

function sorted(byFile: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(byFile).sort().map(([file, lines]) => [file, [...lines].sort()]));
}

/** Replaces the whole text of an open document, on disk too (so the CLI sees what the editor holds). */
async function rewrite(session: LspSession, file: string, before: string, after: string): Promise<void> {
  fs.writeFileSync(file, after);
  const lines = before.split('\n');
  await session.edit(uriOf(file), { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, after);
}

const CANARY = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web-canary',
  '  labels: {app: web}',
  'spec:',
  '  containers: [{name: web, image: example/web:1.1, ports: [{name: http, containerPort: 8080}]}]',
  '',
].join('\n');

/** Kustomize roots read as written, as `lint --no-render` reads them (rendering in the editor is tested in rendering.test.ts). */
const RAW = { kubeLookup: { render: false } };

describe('apply units in the editor: one cluster per Kustomize root, Helm chart or clusters: entry', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('publishes the same diagnostics as kube-lookup lint on the kustomize-overlays fixture', async () => {
    const session = await LspSession.start([overlays], RAW);
    try {
      await agreesWithCli(session, overlays);
      // the base's finding holds in every overlay: no cluster named; the staging-only Service's names none either (its only cluster)
      assert.equal(session.codes(uriOf(path.join(overlays, 'base', 'service.yaml'))).length, 1);
      assert.equal(session.diagnostics.get(uriOf(path.join(overlays, 'overlays', 'prod', 'replicas.yaml')))?.length ?? 0, 0);
    } finally {
      await session.dispose();
    }
  });

  it('lists the folder clusters, the clusters of a file and its active one', async () => {
    const session = await LspSession.start([overlays], RAW);
    try {
      const service = uriOf(path.join(overlays, 'base', 'service.yaml'));
      const result = await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: service });
      assert.deepEqual(result.clusters.map((cluster) => [cluster.name, cluster.kind, cluster.fileCount]), [['overlays/prod', 'kustomize', 2], ['overlays/remote', 'kustomize', 2], ['overlays/staging', 'kustomize', 3]]);
      assert.equal(result.folder, uriOf(overlays));
      assert.equal(result.clusters[0].root, uriOf(path.join(overlays, 'overlays', 'prod', 'kustomization.yaml')));
      assert.deepEqual(result.clusters[0].files, [uriOf(path.join(overlays, 'base', 'deployment.yaml')), service]);
      assert.ok(result.clusters[0].support.includes(uriOf(path.join(overlays, 'overlays', 'prod', 'replicas.yaml'))));
      assert.deepEqual(result.fileClusters, ['overlays/prod', 'overlays/remote', 'overlays/staging']);
      assert.equal(result.active, 'overlays/prod');
      // the status counts each file once, however many clusters hold it; the patch's Service is no Service
      const status = session.statuses[session.statuses.length - 1];
      assert.deepEqual([status.clusters, status.services, status.files], [3, 2, 9]);
      const metrics = await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: uriOf(path.join(overlays, 'overlays', 'staging', 'metrics-service.yaml')), files: false });
      assert.deepEqual([metrics.fileClusters, metrics.active, metrics.clusters[2].files], [['overlays/staging'], 'overlays/staging', []]);
    } finally {
      await session.dispose();
    }
  });

  it('hovers in the active cluster of the file; picking another cluster changes the hover', async () => {
    // staging adds a canary Pod that the base Service selects there, and only there
    const folder = copyOfOverlays({ 'overlays/staging/canary.yaml': CANARY, 'overlays/staging/kustomization.yaml': 'resources:\n- ../../base\n- metrics-service.yaml\n- canary.yaml\n' });
    folders.push(folder);
    const session = await LspSession.start([folder], RAW);
    const file = path.join(folder, 'base', 'service.yaml');
    const uri = uriOf(file);
    const hover = async (): Promise<string> => {
      const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(fs.readFileSync(file, 'utf8'), 'name: web', 7) });
      return (result?.contents as { value: string } | undefined)?.value ?? '';
    };
    try {
      await agreesWithCli(session, folder);
      const inProd = await hover();
      assert.match(inProd, /\*\*Service\*\* `default\/web`/);
      assert.doesNotMatch(inProd, /web-canary/);
      const chosen = await session.request<ClustersResult>(SET_ACTIVE_CLUSTER_REQUEST, { uri, cluster: 'overlays/staging' });
      assert.equal(chosen.active, 'overlays/staging');
      assert.match(await hover(), /\| web-canary \|/);
      // diagnostics do not follow the pick: they are those of every cluster of the file
      await agreesWithCli(session, folder);
      await assert.rejects(session.request(SET_ACTIVE_CLUSTER_REQUEST, { uri, cluster: 'overlays/qa' }), /no cluster named "overlays\/qa"/);
      assert.equal((await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri })).active, 'overlays/staging');
      // lookups run in the active cluster too: web-metrics exists in staging only
      const lookup = async (from: string) => (await session.request<SimulateNslookupResult>(SIMULATE_NSLOOKUP_REQUEST, { uri: from, name: 'web-metrics', from: { namespace: 'default' } })).rcode;
      assert.equal(await lookup(uri), 'NOERROR');
      await session.request(SET_ACTIVE_CLUSTER_REQUEST, { uri, cluster: 'overlays/prod' });
      assert.equal(await lookup(uri), 'NXDOMAIN');
      // a file of one cluster may pick another of the folder for its lookups; its hovers stay in its own
      const patch = uriOf(path.join(folder, 'overlays', 'prod', 'replicas.yaml'));
      assert.equal(await lookup(patch), 'NXDOMAIN');
      const picked = await session.request<ClustersResult>(SET_ACTIVE_CLUSTER_REQUEST, { uri: patch, cluster: 'overlays/staging' });
      assert.deepEqual([picked.active, picked.fileClusters], ['overlays/staging', ['overlays/prod']]);
      assert.equal(await lookup(patch), 'NOERROR');
    } finally {
      await session.dispose();
    }
  });

  it('follows edits to a kustomization: resources and patches added and removed change the clusters and the diagnostics', async () => {
    const folder = copyOfOverlays();
    folders.push(folder);
    const session = await LspSession.start([folder], RAW);
    const kustomization = path.join(folder, 'overlays', 'staging', 'kustomization.yaml');
    const metrics = uriOf(path.join(folder, 'overlays', 'staging', 'metrics-service.yaml'));
    const clustersOfMetrics = async () => (await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: metrics, files: false })).fileClusters;
    try {
      await agreesWithCli(session, folder);
      let text = fs.readFileSync(kustomization, 'utf8');
      await session.open(uriOf(kustomization), text);
      // metrics-service.yaml becomes a patch: read, not applied, no findings of its own
      let next = 'resources:\n- ../../base\npatches:\n- path: metrics-service.yaml\n';
      await rewrite(session, kustomization, text, next);
      text = next;
      await agreesWithCli(session, folder);
      assert.deepEqual(session.diagnostics.get(metrics), []);
      assert.deepEqual(await clustersOfMetrics(), ['overlays/staging']);
      // no longer listed at all: a plain file, its own cluster, where no Pod has the port either
      next = 'resources:\n- ../../base\n';
      await rewrite(session, kustomization, text, next);
      text = next;
      await agreesWithCli(session, folder);
      assert.deepEqual(await clustersOfMetrics(), ['plain']);
      // staging drops the base: the base's finding now holds in prod and remote only, and says so
      next = 'resources:\n- metrics-service.yaml\n';
      await rewrite(session, kustomization, text, next);
      await agreesWithCli(session, folder);
      assert.deepEqual(await clustersOfMetrics(), ['overlays/staging']);
      const base = (await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: uriOf(path.join(folder, 'base', 'service.yaml')), files: false })).fileClusters;
      assert.deepEqual(base, ['overlays/prod', 'overlays/remote']);
    } finally {
      await session.dispose();
    }
  });

  it('re-lints an edit to a base file in every overlay, and follows files created and deleted on disk', async () => {
    const folder = copyOfOverlays();
    folders.push(folder);
    const session = await LspSession.start([folder], RAW);
    const deployment = path.join(folder, 'base', 'deployment.yaml');
    const service = uriOf(path.join(folder, 'base', 'service.yaml'));
    const metrics = uriOf(path.join(folder, 'overlays', 'staging', 'metrics-service.yaml'));
    try {
      await agreesWithCli(session, folder);
      // the port the base Service names, added in the base: its finding goes in all three overlays
      const text = fs.readFileSync(deployment, 'utf8');
      await session.open(uriOf(deployment), text);
      await rewrite(session, deployment, text, text.replace('- name: http\n', '- name: htp\n'));
      await agreesWithCli(session, folder);
      assert.deepEqual(session.diagnostics.get(service), []);
      assert.equal(session.codes(metrics).length, 1);
      // a file created on disk, listed by no kustomization: a plain cluster of its own
      const loose = path.join(folder, 'debug-pod.yaml');
      fs.writeFileSync(loose, 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  subdomain: nowhere\n  containers: [{name: c, image: busybox}]\n');
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(loose), type: 1 }] });
      await agreesWithCli(session, folder);
      assert.deepEqual((await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: uriOf(loose), files: false })).fileClusters, ['plain']);
      // staging's own Service deleted: the staging kustomization lists a missing file, and nothing else changes
      fs.rmSync(path.join(folder, 'overlays', 'staging', 'metrics-service.yaml'));
      fs.rmSync(loose);
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: metrics, type: 3 }, { uri: uriOf(loose), type: 3 }] });
      await session.until(() => (session.diagnostics.get(metrics)?.length ?? 0) === 0 && (session.diagnostics.get(uriOf(loose))?.length ?? 0) === 0);
      await agreesWithCli(session, folder);
      const clusters = await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: service, files: false });
      assert.deepEqual(clusters.clusters.map((cluster) => [cluster.name, cluster.fileCount]), [['overlays/prod', 2], ['overlays/remote', 2], ['overlays/staging', 2]]);
    } finally {
      await session.dispose();
    }
  });

  it('reads clusters: from the folder .kube-lookup.yaml, and names the cluster of a finding only some clusters give', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-units-'));
    folders.push(folder);
    fs.writeFileSync(path.join(folder, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n');
    fs.writeFileSync(path.join(folder, 'web-v1.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]\n');
    fs.writeFileSync(path.join(folder, 'web-v2.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers: [{name: web, image: web, ports: [{name: web, containerPort: 8080}]}]\n');
    const settingsFile = path.join(folder, '.kube-lookup.yaml');
    fs.writeFileSync(settingsFile, 'clusters:\n- name: v1\n  include: [service.yaml, web-v1.yaml]\n- name: v2\n  include: [service.yaml, web-v2.yaml]\n  settings: {clusterDomain: v2.local}\n');
    const session = await LspSession.start([folder], RAW);
    const service = uriOf(path.join(folder, 'service.yaml'));
    try {
      await agreesWithCli(session, folder);
      assert.match(messageOf(session.diagnostics.get(service)?.[0]), /\(in cluster v2\)$/);
      const hover = async (): Promise<string> => {
        const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: service }, position: { line: 2, character: 17 } });
        return (result?.contents as { value: string } | undefined)?.value ?? '';
      };
      assert.match(await hover(), /web\.default\.svc\.cluster\.local/);
      await session.request(SET_ACTIVE_CLUSTER_REQUEST, { uri: service, cluster: 'v2' });
      assert.match(await hover(), /web\.default\.svc\.v2\.local/);
      // the settings file changes (open in the editor): one cluster, which both Pods are alternatives in
      const before = fs.readFileSync(settingsFile, 'utf8');
      await session.open(uriOf(settingsFile), before);
      await rewrite(session, settingsFile, before, 'clusters:\n- name: all\n');
      await agreesWithCli(session, folder);
      assert.deepEqual((await session.request<ClustersResult>(CLUSTERS_REQUEST, { uri: service, files: false })).fileClusters, ['all']);
    } finally {
      await session.dispose();
    }
  });
});
