import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsWhen, openInEditor, positionOf, workspaceFile } from './editor';

const TRANSCRIPT_SCHEME = 'kube-lookup';

function transcriptTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === TRANSCRIPT_SCHEME);
}

suite('rename, completion and the transcript tab', () => {
  suiteSetup(async () => {
    await activateExtension();
    await diagnosticsWhen(workspaceFile('broken/endpoints-name-typo/database.yaml'), (list) => list.length > 0, 'the analysis');
  });

  test('F2 on a Pod subdomain renames the headless Service and both subdomains', async () => {
    const uri = workspaceFile('seeds/headless1.yaml');
    const editor = await openInEditor(uri);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, positionOf(editor.document, 'headless1', 'subdomain: '), 'headless2');
    const lines = edit.entries().flatMap(([file, edits]) => edits.map((one) => `${vscode.workspace.asRelativePath(file)}:${one.range.start.line + 1}:${one.newText}`)).sort();
    assert.deepEqual(lines, ['seeds/headless1.yaml:23:headless2', 'seeds/headless1.yaml:36:headless2', 'seeds/headless1.yaml:6:headless2']);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, positionOf(editor.document, 'headless1', 'subdomain: '), 'Headless_2')),
      /DNS-1035 label/,
    );
  });

  test('completion after subdomain: offers the headless Service, saying what it is', async () => {
    const uri = workspaceFile('seeds/headless1.yaml');
    const editor = await openInEditor(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, positionOf(editor.document, 'headless1', 'subdomain: '));
    const item = list.items.find((candidate) => candidate.label === 'headless1');
    assert.ok(item, `no headless1 among ${list.items.map((candidate) => String(candidate.label)).join(', ')}`);
    assert.equal(item.detail, 'Service default/headless1 (headless)');
  });

  test('records of two objects, one after the other, share one transcript tab titled with the object', async () => {
    for (const [file, name] of [['seeds/clusterip1.yaml', 'clusterip1'], ['seeds/headless1.yaml', 'headless1']] as const) {
      // in the first group, not in the transcript's: the command reads the active editor's cursor
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(file)), vscode.ViewColumn.One);
      const at = positionOf(editor.document, name, 'name: ');
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('kubeLookup.showRecords');
      const tabs = transcriptTabs();
      assert.equal(tabs.length, 1, `transcript tabs: ${tabs.map((tab) => tab.label).join(', ')}`);
      assert.match(tabs[0]!.label, new RegExp(`^DNS records of Service default∕${name}$`));
    }
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'kube-lookup-nslookup' }).get('wordWrap'), 'on');
  });
});
