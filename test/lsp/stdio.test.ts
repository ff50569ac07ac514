import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type Hover, type InitializeResult } from 'vscode-languageserver/node';
import { repoRoot } from '../helpers/paths';
import { positionOf, uriOf } from './lspHarness';

const serverPath = path.join(repoRoot, 'out', 'server', 'src', 'main.js');

it('runs as kube-lookup-language-server --stdio, as other editors start it', async () => {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  try {
    const seeds = path.join(repoRoot, 'examples', 'seeds');
    const result = (await client.sendRequest('initialize', { processId: process.pid, rootUri: uriOf(seeds), capabilities: {} })) as InitializeResult;
    assert.equal(result.serverInfo?.name, 'kube-lookup-language-server');
    assert.equal(result.capabilities.hoverProvider, true);
    await client.sendNotification('initialized', {});
    const file = path.join(seeds, 'headless1.yaml');
    const text = fs.readFileSync(file, 'utf8');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'yaml', version: 1, text } });
    const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, 'subdomain: headless1', 12) })) as Hover;
    assert.match((hover.contents as { value: string }).value, /^\*\*subdomain\*\* `headless1` → Service `default\/headless1` \(headless\)/);
    // diagnostics of a loose file, with the rule's documentation found from the installed package
    const typo = uriOf(path.join(repoRoot, 'examples', 'broken', 'endpoints-name-typo', 'database.yaml'));
    // the seeds folder may still be publishing its own files
    const published = new Promise<Diagnostic[]>((resolve) => client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      if (params.uri === typo) resolve(params.diagnostics);
    }));
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: typo, languageId: 'yaml', version: 1, text: fs.readFileSync(new URL(typo), 'utf8') } });
    const diagnostics = await published;
    const orphan = diagnostics.find((diagnostic) => diagnostic.code === 'endpoints-without-service');
    assert.equal(orphan?.codeDescription?.href, uriOf(path.join(repoRoot, 'docs', 'rules', 'endpoints-without-service.md')));
    await client.sendRequest('shutdown');
    await client.sendNotification('exit');
  } finally {
    client.dispose();
    child.kill();
  }
});

it('refuses to start without a transport', async () => {
  const child = spawn(process.execPath, [serverPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.equal(stderr, 'Usage: kube-lookup-language-server --stdio\n');
});

it('keeps serving after 3 s when the client process is not visible from here (docker run -i)', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  try {
    // above any pid_max: no such process is visible, as the host's pids are not inside a container
    const invisible = 2 ** 31 - 2;
    await client.sendRequest('initialize', { processId: invisible, rootUri: null, capabilities: {} });
    await client.sendNotification('initialized', {});
    // vscode-languageserver's watchdog looks every 3 s
    const outcome = await Promise.race([exited.then((code) => `exited with ${code}`), new Promise<string>((resolve) => setTimeout(() => resolve('running'), 4000))]);
    assert.equal(outcome, 'running');
    const seeds = path.join(repoRoot, 'examples', 'seeds');
    const file = path.join(seeds, 'headless1.yaml');
    const text = fs.readFileSync(file, 'utf8');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'yaml', version: 1, text } });
    const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, 'subdomain: headless1', 12) })) as Hover;
    assert.ok(hover);
    assert.match(stderr, /process 2147483646 is not visible/);
    await client.sendRequest('shutdown');
    await client.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    client.dispose();
    child.kill();
  }
});

it('exits when a client process it can see goes away', { timeout: 30_000 }, async () => {
  const parent = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)'], { stdio: 'ignore' });
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  client.listen();
  try {
    await client.sendRequest('initialize', { processId: parent.pid, rootUri: null, capabilities: {} });
    parent.kill();
    assert.equal(await exited, 1);
  } finally {
    client.dispose();
    child.kill();
    parent.kill();
  }
});
