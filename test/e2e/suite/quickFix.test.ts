import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, describe, diagnosticsWhen, openInEditor, ruleId, workspaceFile } from './editor';

/** executeCodeActionProvider resolves lazily computed edits of this many actions. */
const actionsToResolve = 10;

suite('quick fix', () => {
  suiteSetup(activateExtension);

  test('renaming the Endpoints to the Service they were meant for removes the error', async () => {
    const uri = workspaceFile('broken/endpoints-name-typo/database.yaml');
    const isTypo = (d: vscode.Diagnostic) => ruleId(d) === 'endpoints-without-service';
    const diagnostic = (await diagnosticsWhen(uri, (list) => list.some(isTypo), 'the error')).find(isTypo);
    assert.equal(describe(diagnostic!), 'endpoints-without-service 13:9-13:16');
    const editor = await openInEditor(uri);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic!.range,
      vscode.CodeActionKind.QuickFix.value,
      actionsToResolve,
    );
    const fix = actions.find((action) => action.title === 'Rename the Endpoints to "database"');
    assert.ok(fix, `no rename among: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit, 'the quick fix carries no edit');

    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(12).text, '  name: database');
    await diagnosticsWhen(uri, (list) => !list.some(isTypo), 'the error to go away');

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsWhen(uri, (list) => list.map(describe).includes('endpoints-without-service 13:9-13:16'), 'the error after revert');
  });
});
