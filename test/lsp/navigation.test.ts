import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, DocumentSymbol, Location, TextEdit } from 'vscode-languageserver/node';
import { repoRoot } from '../helpers/paths';
import { LspSession, positionOf, uriOf } from './lspHarness';

const seeds = path.join(repoRoot, 'examples', 'seeds');
const seed = (file: string): { uri: string; text: string } => ({ uri: uriOf(path.join(seeds, file)), text: fs.readFileSync(path.join(seeds, file), 'utf8') });

/** `file:line:character-line:character`, 1-based lines as editors show them. */
function where(location: Location): string {
  const { start, end } = location.range;
  return `${path.basename(new URL(location.uri).pathname)}:${start.line + 1}:${start.character}-${end.line + 1}:${end.character}`;
}

describe('navigation over LSP on examples/seeds', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start([seeds]);
  });
  after(() => session.dispose());

  const definition = (file: string, needle: string, shift: number, nth = 1): Promise<Location[]> => {
    const { uri, text } = seed(file);
    return session.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, needle, shift, nth) });
  };

  it('goes from a subdomain, a selector and an Endpoints name to what they refer to', async () => {
    assert.deepEqual((await definition('headless1.yaml', 'subdomain: headless1', 12)).map(where), ['headless1.yaml:6:8-6:17']);
    assert.deepEqual((await definition('clusterip1.yaml', 'svc: clusterip', 6)).map(where), ['clusterip1.yaml:16:8-16:12']);
    assert.deepEqual((await definition('endpoint2.yaml', 'name: endpoint2', 7, 2)).map(where), ['endpoint2.yaml:5:8-5:17']);
    assert.deepEqual((await definition('kubia.yaml', 'matchLabels', 2)).map(where), ['kubia.yaml:29:8-29:18']);
    assert.deepEqual((await definition('kubia.yaml', 'targetPort: https', 13)).map(where), ['kubia.yaml:37:16-37:21']);
    assert.deepEqual(await definition('kubia.yaml', 'image: luksa', 3), []);
  });

  it('finds everything that names or selects a Service', async () => {
    const { uri, text } = seed('headless1.yaml');
    const references = await session.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'name: headless1', 7), context: { includeDeclaration: true } });
    assert.deepEqual(references.map(where), [
      'headless1.yaml:6:8-6:17', // the Service itself
      'headless1.yaml:23:13-23:22', // pod4's subdomain
      'headless1.yaml:36:13-36:22', // pod5's subdomain
      'headless1.yaml:20:4-20:17', // pod4's labels, selected
      'headless1.yaml:33:4-33:17', // pod5's labels, selected
    ]);
    const fromSubdomain = await session.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'subdomain: headless1', 12), context: { includeDeclaration: false } });
    assert.equal(fromSubdomain.length, 4);
  });

  it('lists one symbol per object', async () => {
    const { uri } = seed('headless1.yaml');
    const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((symbol) => `${symbol.name} @${symbol.selectionRange.start.line + 1}`), ['Service default/headless1 @6', 'Pod default/pod4 @18', 'Pod default/pod5 @31']);
  });

  it('puts CodeLenses above each Service: endpoint count and FQDN, clicking lists the endpoints; the service map, focused on it', async () => {
    const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: seed('kubia.yaml').uri } });
    assert.deepEqual(lenses.map((lens) => lens.command?.title), ['3 endpoints · kubia.default.svc.cluster.local', 'service map']);
    assert.equal(lenses[1].command?.command, 'kubeLookup.showServiceMap');
    assert.deepEqual(lenses[1].command?.arguments, [seed('kubia.yaml').uri, 'service:default/kubia', 'default']);
    assert.deepEqual(lenses[1].range, lenses[0].range);
    assert.equal(lenses[0].command?.command, 'kubeLookup.showEndpoints');
    const [lensUri, position, locations] = lenses[0].command!.arguments as [string, unknown, Location[]];
    assert.equal(lensUri, seed('kubia.yaml').uri);
    assert.deepEqual(position, { line: 4, character: 8 });
    assert.deepEqual(locations.map(where), ['kubia.yaml:20:8-20:13']);
    const external = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: seed('externalname1.yaml').uri } });
    assert.deepEqual(external.map((lens) => lens.command?.title), ['CNAME → github.github.io · externalname1.default.svc.cluster.local', 'service map']);
  });
});

describe('code actions over LSP', () => {
  it("applies a rule's quick fix, and the finding goes away; offers to disable the rule for the line", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-fix-'));
    const file = path.join(folder, 'database.yaml');
    fs.copyFileSync(path.join(repoRoot, 'examples', 'broken', 'endpoints-name-typo', 'database.yaml'), file);
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const session = await LspSession.start([folder]);
    try {
      await session.open(uri, text);
      const orphan = (): Diagnostic | undefined => session.diagnostics.get(uri)?.find((candidate) => candidate.code === 'endpoints-without-service');
      await session.until(() => orphan() !== undefined);
      const diagnostic = orphan()!;
      const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      assert.deepEqual(actions.map((action) => ({ title: action.title, kind: action.kind, preferred: action.isPreferred ?? false, edits: action.edit?.changes?.[uri], diagnostics: action.diagnostics?.map((d) => d.code) })), [
        {
          title: 'Rename the Endpoints to "database"', kind: 'quickfix', preferred: true, diagnostics: ['endpoints-without-service'],
          edits: [{ range: { start: { line: 12, character: 8 }, end: { line: 12, character: 15 } }, newText: 'database' }],
        },
        {
          title: 'Disable endpoints-without-service for this line', kind: 'quickfix', preferred: false, diagnostics: ['endpoints-without-service'],
          edits: [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, newText: '  # kube-lookup-disable-next-line endpoints-without-service\n' }],
        },
      ]);
      const edits = actions[0].edit!.changes![uri] as TextEdit[];
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
      assert.match(fixed, /kind: Endpoints\nmetadata:\n {2}name: database\n/);
      for (const edit of edits) await session.edit(uri, edit.range, edit.newText);
      await session.until(() => session.diagnostics.has(uri) && orphan() === undefined);
      const none = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [] } });
      assert.deepEqual(none, []);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('disables a rule for one line with the comment the rules runtime honours', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-fix-'));
    const file = path.join(folder, 'database.yaml');
    fs.copyFileSync(path.join(repoRoot, 'examples', 'broken', 'endpoints-name-typo', 'database.yaml'), file);
    const uri = uriOf(file);
    const session = await LspSession.start([folder]);
    try {
      await session.open(uri, fs.readFileSync(file, 'utf8'));
      const orphan = (): Diagnostic | undefined => session.diagnostics.get(uri)?.find((candidate) => candidate.code === 'endpoints-without-service');
      await session.until(() => orphan() !== undefined);
      const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: orphan()!.range, context: { diagnostics: [orphan()!] } });
      const disable = actions.find((action) => action.title === 'Disable endpoints-without-service for this line')!;
      for (const edit of disable.edit!.changes![uri]) await session.edit(uri, edit.range, edit.newText);
      await session.until(() => orphan() === undefined);
      assert.ok(session.codes(uri).some((code) => code.startsWith('endpoints-deprecated@')), 'the other rule still reports');
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('disables a rule for one line of a CRLF file with a CRLF line, not a bare LF', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-fix-'));
    const file = path.join(folder, 'database.yaml');
    const text = fs.readFileSync(path.join(repoRoot, 'examples', 'broken', 'endpoints-name-typo', 'database.yaml'), 'utf8').replace(/\n/g, '\r\n');
    fs.writeFileSync(file, text);
    const uri = uriOf(file);
    const session = await LspSession.start([folder]);
    try {
      await session.open(uri, text);
      const orphan = (): Diagnostic | undefined => session.diagnostics.get(uri)?.find((candidate) => candidate.code === 'endpoints-without-service');
      await session.until(() => orphan() !== undefined);
      const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: orphan()!.range, context: { diagnostics: [orphan()!] } });
      const disable = actions.find((action) => action.title === 'Disable endpoints-without-service for this line')!;
      const edits = disable.edit!.changes![uri] as TextEdit[];
      assert.deepEqual(edits.map((edit) => edit.newText), ['  # kube-lookup-disable-next-line endpoints-without-service\r\n']);
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
      assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF in a CRLF file');
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
