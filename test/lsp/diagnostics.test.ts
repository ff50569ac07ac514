import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { lines } from '../helpers/modelFrom';
import { cliPath, repoRoot } from '../helpers/paths';
import { LspSession, messageOf, positionOf, uriOf } from './lspHarness';

const SERVICE = lines(
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: db',
  'spec:',
  '  clusterIP: None',
  '  selector:',
  '    app: db',
);
const POD = lines(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: db-0',
  '  labels:',
  '    app: db',
  'spec:',
  '  hostname: db-0',
  '  subdomain: db',
  '  containers:',
  '  - name: db',
  '    image: postgres',
);

/** Resolves once `condition` holds, asking again every 20 ms; rejects after a timeout. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the server');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function workspaceOf(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

describe('diagnostics over LSP', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  describe('the broken examples, none of them open', () => {
    let session: LspSession;
    const broken = path.join(repoRoot, 'examples', 'broken');
    const uri = (file: string): string => uriOf(path.join(broken, file));
    /** What the CLI reports for the same folder: the same core, so the same findings. */
    let expected: Record<string, string[]>;
    const actual = (): Record<string, string[]> => Object.fromEntries([...session.diagnostics].filter(([, diagnostics]) => diagnostics.length > 0).map(([file, diagnostics]) => [
      path.relative(broken, new URL(file).pathname),
      diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`).sort(),
    ]));
    before(async () => {
      const run = spawnSync(process.execPath, [cliPath, 'lint', broken, '--format', 'json'], { cwd: broken, encoding: 'utf8' });
      const cli = JSON.parse(run.stdout) as { findings: { file: string; ruleId: string; line: number; column: number; endLine: number; endColumn: number }[] };
      expected = {};
      for (const finding of cli.findings) (expected[finding.file] ??= []).push(`${finding.ruleId}@${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`);
      for (const codes of Object.values(expected)) codes.sort();
      session = await LspSession.start([broken]);
      await session.until(() => isDeepStrictEqual(actual(), expected)).catch(() => undefined);
    });
    after(() => session.dispose());

    it('publishes every file with findings, exactly what the CLI reports, rule ids as codes', () => {
      assert.deepEqual(actual(), expected);
      // pinned, whatever other rules are added
      assert.ok(expected['endpoints-name-typo/database.yaml'].includes('endpoints-without-service@13:9-13:16'));
      assert.deepEqual(expected['subdomain-names-no-service/pod.yaml'], ['subdomain-without-headless-service@21:14-21:22']);
      assert.deepEqual(expected['broken-yaml/service.yaml'], ['yaml-syntax@14:9-14:14']);
      assert.equal(Object.keys(expected).length, fs.readdirSync(broken).length);
    });

    it('shows indexing as window progress', () => {
      assert.deepEqual(session.progress, ['begin 0', 'end']);
    });

    it('gives severity, source, a documentation link, related locations and tags', () => {
      const typo = session.diagnostics.get(uri('endpoints-name-typo/database.yaml'))!.find((diagnostic) => diagnostic.code === 'endpoints-without-service')!;
      assert.equal(typo.severity, 1);
      assert.equal(typo.source, 'kube-lookup');
      assert.equal(typo.codeDescription?.href, uriOf(path.join(repoRoot, 'docs', 'rules', 'endpoints-without-service.md')));
      assert.ok(fs.existsSync(new URL(typo.codeDescription!.href)));
      assert.deepEqual(typo.tags, [1]);
      assert.deepEqual(typo.relatedInformation, [{ location: { uri: uri('endpoints-name-typo/database.yaml'), range: { start: { line: 4, character: 8 }, end: { line: 4, character: 16 } } }, message: 'Service "database" is declared here' }]);
      const [otherNamespace] = session.diagnostics.get(uri('selector-matches-other-namespace/app.yaml'))!;
      assert.equal(otherNamespace.severity, 2);
      assert.equal(otherNamespace.relatedInformation?.length, 1);
      assert.match(otherNamespace.relatedInformation![0].message, /has matching labels$/);
    });

    it('keeps a broken file from breaking the others: it gets its own finding and hovers still work elsewhere', async () => {
      assert.deepEqual(session.codes(uri('broken-yaml/service.yaml')), ['yaml-syntax@13:8']);
      const file = path.join(broken, 'endpoints-name-typo', 'database.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const hover = await session.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, 'name: databse', 7) });
      assert.match(hover!.contents.value, /^\*\*Endpoints\*\* `default\/databse` → no Service `databse` in namespace `default`/);
    });
  });

  it('re-publishes the other files an edit affects: renaming a Service lights up the Pod naming it', async () => {
    const folder = workspaceOf({ 'service.yaml': SERVICE, 'pod.yaml': POD });
    folders.push(folder);
    const session = await LspSession.start([folder]);
    const service = uriOf(path.join(folder, 'service.yaml'));
    const pod = uriOf(path.join(folder, 'pod.yaml'));
    try {
      await session.open(service, SERVICE);
      const at = positionOf(SERVICE, 'name: db', 6);
      await session.edit(service, { start: at, end: { line: at.line, character: at.character + 2 } }, 'database');
      await session.until(() => session.codes(pod).length === 1);
      const [diagnostic] = session.diagnostics.get(pod)!;
      assert.equal(diagnostic.code, 'subdomain-without-headless-service');
      // the renamed Service still selects the Pod: the message names it, and the fix is its name
      assert.equal(messageOf(diagnostic), 'subdomain "db" names no Service in namespace "default", but headless Service "database" selects this Pod: with subdomain: database its name is db-0.database.default.svc.cluster.local; as written, db-0.db.default.svc.cluster.local has no record.');
      assert.deepEqual(diagnostic.range, { start: { line: 8, character: 13 }, end: { line: 8, character: 15 } });
      // the Service's own file has nothing to say: its selector still matches the Pod
      assert.deepEqual(session.codes(service), []);
      await session.edit(service, { start: at, end: { line: at.line, character: at.character + 8 } }, 'db');
      await session.until(() => session.codes(pod).length === 0);
    } finally {
      await session.dispose();
    }
  });

  it('follows files created, changed and deleted on disk', async () => {
    const folder = workspaceOf({ 'pod.yaml': POD });
    folders.push(folder);
    const session = await LspSession.start([folder]);
    const pod = uriOf(path.join(folder, 'pod.yaml'));
    const service = path.join(folder, 'nested', 'service.yaml');
    try {
      await session.until(() => session.codes(pod).length === 1);
      fs.mkdirSync(path.dirname(service));
      fs.writeFileSync(service, SERVICE);
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(service), type: 1 }] });
      await session.until(() => session.codes(pod).length === 0);
      fs.writeFileSync(service, SERVICE.replace('clusterIP: None', 'clusterIP: 10.96.0.50'));
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(service), type: 2 }] });
      await session.until(() => messageOf(session.diagnostics.get(pod)?.[0]).includes('which is not headless') === true);
      fs.rmSync(service);
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(service), type: 3 }] });
      await session.until(() => messageOf(session.diagnostics.get(pod)?.[0]).startsWith('subdomain "db" names no Service') === true);
      // a folder deleted at once: one event for the folder
      fs.writeFileSync(service, SERVICE);
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(service), type: 1 }] });
      await session.until(() => session.codes(pod).length === 0);
      fs.rmSync(path.dirname(service), { recursive: true });
      await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.dirname(service)), type: 3 }] });
      await session.until(() => session.codes(pod).length === 1);
    } finally {
      await session.dispose();
    }
  });

  it('follows a folder renamed, moved in and moved out: one event for the folder, none for its files', async () => {
    const folder = workspaceOf({ 'pod.yaml': POD, 'team/deep/service.yaml': SERVICE, 'team/node_modules/x/service.yaml': SERVICE.replace('name: db', 'name: hidden') });
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-outside-'));
    folders.push(folder, outside);
    const session = await LspSession.start([folder]);
    const pod = uriOf(path.join(folder, 'pod.yaml'));
    const event = (changes: [string, number][]): Promise<void> => session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([file, type]) => ({ uri: uriOf(file), type })) });
    const hoverOn = (file: string): Promise<unknown> => session.request('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: { line: 3, character: 9 } });
    try {
      await session.until(() => session.statuses.some((status) => !status.indexing) && session.codes(pod).length === 0);
      // renamed: the old folder goes, the new one comes with its files
      fs.renameSync(path.join(folder, 'team'), path.join(folder, 'squad'));
      await event([[path.join(folder, 'team'), 3], [path.join(folder, 'squad'), 1]]);
      await eventually(async () => (await hoverOn(path.join(folder, 'squad', 'deep', 'service.yaml'))) !== null);
      assert.deepEqual(session.codes(pod), []);
      assert.equal(await hoverOn(path.join(folder, 'team', 'deep', 'service.yaml')), null);
      assert.equal(await hoverOn(path.join(folder, 'squad', 'node_modules', 'x', 'service.yaml')), null, 'node_modules is skipped as at start');
      // moved out: the Pod's Service is gone
      fs.renameSync(path.join(folder, 'squad'), path.join(outside, 'squad'));
      await event([[path.join(folder, 'squad'), 3]]);
      await session.until(() => session.codes(pod).length === 1);
      // moved in again, one level down
      fs.mkdirSync(path.join(folder, 'apps'));
      fs.renameSync(path.join(outside, 'squad'), path.join(folder, 'apps', 'squad'));
      await event([[path.join(folder, 'apps'), 1], [path.join(folder, 'apps', 'squad'), 1]]);
      await session.until(() => session.codes(pod).length === 0);
      await eventually(async () => (await hoverOn(path.join(folder, 'apps', 'squad', 'deep', 'service.yaml'))) !== null);
    } finally {
      await session.dispose();
    }
  });

  it('reads a folder again without overwriting open documents, and reports a file that became unreadable as skipped', async () => {
    const orphan = lines('apiVersion: v1', 'kind: Endpoints', 'metadata:', '  name: orphan', 'subsets: []');
    const filler: Record<string, string> = {};
    // more files than are read at once
    for (let index = 0; index < 200; index++) filler[`apps/app-${index}/config.yaml`] = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: app-${index}`);
    const folder = workspaceOf({ ...filler, 'service.yaml': SERVICE, 'pod.yaml': POD, 'orphan.yaml': orphan });
    folders.push(folder);
    const session = await LspSession.start([folder], {}, 30_000);
    const pod = uriOf(path.join(folder, 'pod.yaml'));
    const service = uriOf(path.join(folder, 'service.yaml'));
    const unreadable = uriOf(path.join(folder, 'orphan.yaml'));
    try {
      assert.deepEqual(session.codes(pod), []);
      assert.ok(session.codes(unreadable).length > 0);
      // the editor renames the Service; on disk it keeps its name
      await session.open(service, SERVICE.replace('name: db', 'name: database'));
      await session.until(() => session.codes(pod).length === 1);
      // still listed, but no longer a regular file
      fs.rmSync(path.join(folder, 'orphan.yaml'));
      fs.symlinkSync('apps', path.join(folder, 'orphan.yaml'));
      // new exclude globs: the folder is read from disk again
      const statuses = session.statuses.length;
      session.settings.kubeLookup = { exclude: ['nothing/**'] };
      await session.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await session.until(() => session.statuses.slice(statuses).some((status) => status.indexing) && !session.statuses[session.statuses.length - 1].indexing, 30_000);
      assert.deepEqual(session.codes(pod), ['subdomain-without-headless-service@8:13']);
      // as the CLI reports it
      assert.deepEqual(session.codes(unreadable), ['file-skipped@0:0']);
      assert.equal(messageOf(session.diagnostics.get(unreadable)![0]), 'File skipped: cannot read it (is a folder).');
      assert.equal(session.statuses[session.statuses.length - 1].files, 203);
    } finally {
      await session.dispose();
    }
  });

  /** A folder of 3,000 Services in ten team folders: large enough to be read for a while. */
  function largeFolder(): string {
    const files: Record<string, string> = {};
    for (let index = 0; index < 3000; index++) files[`team-${index % 10}/app-${index}.yaml`] = SERVICE.replace('name: db', `name: app-${index}`);
    const folder = workspaceOf(files);
    folders.push(folder);
    return folder;
  }

  it('publishes the diagnostics of a file opened at start before the rest of the folder is read', async () => {
    const folder = largeFolder();
    const opened = path.join(folder, 'opened.yaml');
    const text = lines('apiVersion: v1', 'kind: Endpoints', 'metadata:', '  name: no-such-service', 'subsets: []');
    fs.writeFileSync(opened, text);
    const session = await LspSession.starting([folder]);
    try {
      await session.open(uriOf(opened), text);
      await session.until(() => session.codes(uriOf(opened)).some((code) => code.startsWith('endpoints-without-service@')), 30_000);
      // not gated on indexing: the status has not yet said the folder is read
      assert.ok(session.statuses.length > 0 && session.statuses.every((status) => status.indexing), JSON.stringify(session.statuses));
      await session.until(() => !session.statuses[session.statuses.length - 1].indexing, 60_000);
      assert.equal(session.statuses[session.statuses.length - 1].files, 3001);
    } finally {
      await session.dispose();
    }
  });

  it('answers requests while it reads a large folder', async () => {
    const folder = largeFolder();
    const session = await LspSession.starting([folder]);
    try {
      await session.until(() => session.progress.some((entry) => entry.startsWith('report')), 30_000);
      const reports = session.progress.length;
      await session.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(path.join(folder, 'team-0', 'app-0.yaml')) } });
      // answered mid-read: the status still says indexing, and reading went on afterwards
      assert.equal(session.statuses[session.statuses.length - 1].indexing, true);
      await session.until(() => !session.statuses[session.statuses.length - 1].indexing, 60_000);
      assert.ok(session.progress.slice(reports).some((entry) => entry.startsWith('report')), session.progress.join(', '));
      assert.equal(session.statuses[session.statuses.length - 1].services, 3000);
    } finally {
      await session.dispose();
    }
  });

  it('reads settings per folder and re-analyses when they change: rule severities and exclude globs', async () => {
    const typo = lines('apiVersion: v1', 'kind: Endpoints', 'metadata:', '  name: orphan', 'subsets: []');
    const folder = workspaceOf({ 'endpoints.yaml': typo, 'vendor/endpoints.yaml': typo });
    folders.push(folder);
    const session = await LspSession.start([folder], { kubeLookup: { rules: { 'endpoints-without-service': 'warning' }, exclude: ['vendor/**'] } });
    const kept = uriOf(path.join(folder, 'endpoints.yaml'));
    try {
      const orphan = (uri: string): Diagnostic[] => (session.diagnostics.get(uri) ?? []).filter((diagnostic) => diagnostic.code === 'endpoints-without-service');
      await session.until(() => orphan(kept).length === 1);
      assert.equal(orphan(kept)[0].severity, 2);
      assert.equal(session.diagnostics.has(uriOf(path.join(folder, 'vendor', 'endpoints.yaml'))), false);
      session.settings.kubeLookup = { rules: { 'endpoints-without-service': 'off' } };
      await session.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await session.until(() => orphan(kept).length === 0 && orphan(uriOf(path.join(folder, 'vendor', 'endpoints.yaml'))).length === 0 && session.diagnostics.has(kept));
    } finally {
      await session.dispose();
    }
  });

  it('reports a bad setting and keeps the good ones', async () => {
    const folder = workspaceOf({ 'pod.yaml': POD });
    folders.push(folder);
    const session = await LspSession.start([folder], { kubeLookup: { clusterDomain: 'Not A Domain', rules: { 'subdomain-without-headless-service': 'error' } } });
    const pod = uriOf(path.join(folder, 'pod.yaml'));
    try {
      await session.until(() => session.codes(pod).length === 1);
      assert.equal(session.diagnostics.get(pod)![0].severity, 1);
      assert.match(messageOf(session.diagnostics.get(pod)![0]), /db-0\.db\.default\.svc\.cluster\.local/);
      assert.ok(session.logs.includes('kubeLookup setting ignored: clusterDomain: must be a DNS domain such as cluster.local'), session.logs.join('\n'));
      assert.deepEqual(session.messages, ['kube-lookup: setting ignored, clusterDomain: must be a DNS domain such as cluster.local']);
    } finally {
      await session.dispose();
    }
  });

  it('analyses a file outside every folder alone', async () => {
    const folder = workspaceOf({ 'service.yaml': SERVICE });
    const outside = workspaceOf({});
    folders.push(folder, outside);
    const session = await LspSession.start([folder]);
    const pod = uriOf(path.join(outside, 'pod.yaml'));
    try {
      await session.open(pod, POD);
      // the folder's Service `db` is another cluster's: the loose Pod's subdomain names nothing
      await session.until(() => session.codes(pod).length === 1);
      assert.deepEqual(session.codes(pod), ['subdomain-without-headless-service@8:13']);
      await session.close(pod);
      await session.until(() => session.codes(pod).length === 0);
    } finally {
      await session.dispose();
    }
  });
});

describe('workspace folders over LSP', () => {
  it('indexes a folder when it is added and forgets its diagnostics when it is removed', async () => {
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-folder-'));
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-folder-'));
    fs.writeFileSync(path.join(second, 'pod.yaml'), POD);
    const session = await LspSession.start([first]);
    const pod = uriOf(path.join(second, 'pod.yaml'));
    try {
      assert.equal(session.diagnostics.has(pod), false);
      await session.client.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(second), name: 'second' }], removed: [] } });
      await session.until(() => session.codes(pod).length === 1);
      await session.client.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(second), name: 'second' }] } });
      await session.until(() => session.codes(pod).length === 0);
    } finally {
      await session.dispose();
      fs.rmSync(first, { recursive: true, force: true });
      fs.rmSync(second, { recursive: true, force: true });
    }
  });
});
