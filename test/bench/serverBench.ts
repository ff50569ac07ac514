import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { SIMULATE_NSLOOKUP_REQUEST, type SimulateNslookupParams } from '../../server/src/protocol';
import { LspSession, positionOf, uriOf } from '../lsp/lspHarness';
import { editLatencies, editPairs, heapMb, percentile, residentMb, type EditorFigures } from './editorBench';
import type { GeneratedWorkspace } from './generateWorkspace';

/**
 * The language server measured as an editor meets it: server and client in this process, talking
 * JSON-RPC over a pair of streams. Indexing ends when every file's diagnostics are published; an
 * edit ends when the diagnostics of the file it changes (often another file) are published as
 * they must now read.
 */
export interface ServerFigures extends Omit<EditorFigures, 'changes'> {
  /**
   * A file opened as the server starts: the time until its diagnostics arrive, and whether they
   * arrived while the rest of the workspace was still being read (they must not wait for it).
   */
  readonly openedFileMs: number;
  readonly openedFileBeforeIndexed: boolean;
  readonly hoverP50Ms: number;
  readonly hoverP95Ms: number;
  readonly nslookupP50Ms: number;
  readonly nslookupP95Ms: number;
}

/** Hovers, and nslookups, timed per size. */
export const REQUEST_COUNT = 200;

export async function measureServer(workspace: GeneratedWorkspace, options: { timedEdits: number; totalEdits: number }): Promise<ServerFigures> {
  const texts = new Map<string, string>();
  for (const app of workspace.apps) for (const file of app.files) texts.set(path.join(workspace.root, file), fs.readFileSync(path.join(workspace.root, file), 'utf8'));
  const pairs = editPairs(workspace, texts);

  const began = performance.now();
  const session = await LspSession.start([workspace.root], {}, 600_000);
  const indexMs = performance.now() - began;
  const published = countByCode(session.diagnostics);
  for (const ruleId of new Set([...published.keys(), ...Object.keys(workspace.expected)])) {
    const count = workspace.expected[ruleId] ?? 0;
    if ((published.get(ruleId) ?? 0) !== count) throw new Error(`after indexing: ${published.get(ruleId) ?? 0} ${ruleId} diagnostics published, expected ${count}`);
  }
  const rssAfterIndexMb = residentMb();

  // the edited files are open, as they are in the editor
  for (const file of new Set(pairs.map((pair) => pair.file))) await session.open(uriOf(file), texts.get(file)!);
  await session.until(() => !session.statuses[session.statuses.length - 1].indexing, 600_000);

  const durations: number[] = [];
  const cpuDurations: number[] = [];
  let rssAfter100EditsMb = 0;
  let heapAfter100EditsMb = 0;
  const versions = new Map<string, number>();
  for (let edit = 0; edit < options.totalEdits; edit++) {
    const pair = pairs[(edit >> 1) % pairs.length];
    const applying = edit % 2 === 0;
    const uri = uriOf(pair.file);
    const watched = uriOf(pair.watched);
    const wanted = applying ? pair.after : pair.before;
    const version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await session.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: applying ? pair.edited : pair.original }] });
    if (pair.before !== pair.after) {
      await session.until(() => countOf(session.diagnostics.get(watched), pair.ruleId) === wanted, 60_000);
    } else {
      // nothing changes; a request answered after the edit shows the server is past it
      await session.request('textDocument/documentSymbol', { textDocument: { uri } });
    }
    const took = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    if (edit < options.timedEdits) {
      durations.push(took);
      cpuDurations.push((cpu.user + cpu.system) / 1000);
    }
    if (edit + 1 === 100) {
      rssAfter100EditsMb = residentMb();
      heapAfter100EditsMb = heapMb();
    }
  }
  // let the last publications arrive before the server is measured
  await session.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(pairs[0].file) } });
  const rssAfterAllEditsMb = residentMb();
  const heapAfterAllEditsMb = heapMb();

  // hover over a Service's name: FQDN, ports and the endpoint table
  const webApps = workspace.apps.filter((candidate) => candidate.shape === 'web');
  const hovers = await latencies(REQUEST_COUNT, (index) => {
    const app = webApps[(index * 7919) % webApps.length];
    const file = path.join(workspace.root, app.files.find((name) => path.basename(name) === 'service.yaml')!);
    const text = texts.get(file)!;
    return session.request('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, `name: ${app.name}`, 6) });
  });
  const lookups = await latencies(REQUEST_COUNT, (index) => {
    const app = workspace.apps[(index * 7919) % workspace.apps.length];
    const params: SimulateNslookupParams = { uri: uriOf(path.join(workspace.root, app.files[0])), name: `${app.name}.${app.namespace}`, from: { namespace: app.namespace } };
    return session.request(SIMULATE_NSLOOKUP_REQUEST, params);
  });
  await session.dispose();
  // a second server, after every memory figure of the first
  const opened = await timeOpenedFile(workspace, texts);
  durations.sort((a, b) => a - b);
  cpuDurations.sort((a, b) => a - b);
  return {
    indexMs,
    openedFileMs: opened.ms,
    openedFileBeforeIndexed: opened.beforeIndexed,
    ...editLatencies(durations, cpuDurations, options),
    hoverP50Ms: percentile(hovers, 0.5),
    hoverP95Ms: percentile(hovers, 0.95),
    nslookupP50Ms: percentile(lookups, 0.5),
    nslookupP95Ms: percentile(lookups, 0.95),
    rssAfterIndexMb,
    rssAfter100EditsMb,
    rssAfterAllEditsMb,
    heapAfter100EditsMb,
    heapAfterAllEditsMb,
  };
}

/**
 * Starts a server on the workspace and at once opens a file with findings (an application's
 * hand-written Endpoints), as a user opening the workspace on a manifest does: how long until its
 * diagnostics arrive, and whether the server was still reading the rest then.
 */
async function timeOpenedFile(workspace: GeneratedWorkspace, texts: ReadonlyMap<string, string>): Promise<{ ms: number; beforeIndexed: boolean }> {
  const app = workspace.apps.find((candidate) => candidate.shape === 'legacy' && !candidate.mistake);
  const file = app && path.join(workspace.root, app.files.find((name) => path.basename(name) === 'external.yaml')!);
  if (!file) throw new Error('the workspace has no hand-written Endpoints to open');
  const began = performance.now();
  const session = await LspSession.starting([workspace.root]);
  const uri = uriOf(file);
  await session.open(uri, texts.get(file)!);
  await session.until(() => (session.diagnostics.get(uri)?.length ?? 0) > 0, 600_000);
  const ms = performance.now() - began;
  const beforeIndexed = !session.statuses.some((status) => !status.indexing);
  await session.until(() => session.statuses.some((status) => !status.indexing), 600_000);
  await session.dispose();
  return { ms, beforeIndexed };
}

/** Round trips of `count` requests, one at a time, after as many untimed ones to warm up; sorted. */
async function latencies(count: number, send: (index: number) => Promise<unknown>): Promise<number[]> {
  for (let index = 0; index < count; index++) await send(count + index);
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    const answer = await send(index);
    times.push(performance.now() - start);
    if (answer === null || answer === undefined) throw new Error(`request ${index} had no answer`);
  }
  return times.sort((a, b) => a - b);
}

function countOf(diagnostics: readonly Diagnostic[] | undefined, code: string): number {
  return (diagnostics ?? []).filter((diagnostic) => diagnostic.code === code).length;
}

function countByCode(diagnostics: ReadonlyMap<string, readonly Diagnostic[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of diagnostics.values()) for (const diagnostic of list) counts.set(String(diagnostic.code), (counts.get(String(diagnostic.code)) ?? 0) + 1);
  return counts;
}

// `node --expose-gc serverBench.js <workspace.json> <timed> <total>`: one size in a fresh process
if (require.main === module) {
  const workspace = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as GeneratedWorkspace;
  measureServer(workspace, { timedEdits: Number(process.argv[3]), totalEdits: Number(process.argv[4]) }).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
