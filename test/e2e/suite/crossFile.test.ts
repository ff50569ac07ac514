import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, describe, diagnosticsWhen, openInEditor, positionOf, workspaceFile } from './editor';

suite('a change in one file re-checks the files that depend on it', () => {
  suiteSetup(activateExtension);

  test('renaming a Service in seeds/ clears a subdomain warning in broken/, and undoing brings it back', async () => {
    const pod = workspaceFile('broken/subdomain-names-no-service/pod.yaml');
    const warning = 'subdomain-without-headless-service 21:14-21:22';
    await diagnosticsWhen(pod, (list) => list.map(describe).includes(warning), 'the subdomain warning');

    // the Pod asks for subdomain "headles1"; name the seeds' headless Service so, without saving
    const editor = await openInEditor(workspaceFile('seeds/headless1.yaml'));
    const name = positionOf(editor.document, 'headless1', 'name: ');
    const range = new vscode.Range(name, name.translate(0, 'headless1'.length));
    assert.ok(await editor.edit((edit) => edit.replace(range, 'headles1')));
    assert.equal(editor.document.isDirty, true);
    await diagnosticsWhen(pod, (list) => !list.map(describe).includes(warning), 'the warning to clear');

    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(name, name.translate(0, 'headles1'.length)), 'headless1')));
    await diagnosticsWhen(pod, (list) => list.map(describe).includes(warning), 'the warning to return');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a new folder on disk with the missing Service clears the warning; deleting the folder restores it', async () => {
    const pod = workspaceFile('broken/subdomain-names-no-service/pod.yaml');
    const warning = 'subdomain-without-headless-service 21:14-21:22';
    await diagnosticsWhen(pod, (list) => list.map(describe).includes(warning), 'the subdomain warning');

    const added = workspaceFile('added/headles1.yaml');
    const service = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: headles1', 'spec:', '  clusterIP: None', ''].join('\n');
    await vscode.workspace.fs.writeFile(added, new TextEncoder().encode(service));
    await diagnosticsWhen(pod, (list) => !list.map(describe).includes(warning), 'the warning to clear');

    // the file watcher reports only the folder: the server must forget the files below it
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(added, '..'), { recursive: true });
    await diagnosticsWhen(pod, (list) => list.map(describe).includes(warning), 'the warning to return');
  });
});
