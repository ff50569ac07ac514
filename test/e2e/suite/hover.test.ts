import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsWhen, markdownOf, openInEditor, positionOf, workspaceFile } from './editor';

suite('hover on a Service', () => {
  suiteSetup(async () => {
    await activateExtension();
    // the server has read the workspace once a closed file carries its diagnostic
    await diagnosticsWhen(workspaceFile('broken/endpoints-name-typo/database.yaml'), (list) => list.length > 0, 'the analysis');
  });

  test('the name of a ClusterIP Service shows its FQDN and its endpoint', async () => {
    const editor = await openInEditor(workspaceFile('seeds/clusterip1.yaml'));
    const at = positionOf(editor.document, 'clusterip1', 'name: ');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = markdownOf(hovers);
    assert.match(text, /clusterip1\.default\.svc\.cluster\.local/);
    // the one Pod it selects, with the target port resolved
    assert.match(text, /pod1/);
    assert.match(text, /8080/);
  });

  test('a headless Service lists the hostname FQDNs of its Pods', async () => {
    const editor = await openInEditor(workspaceFile('seeds/headless1.yaml'));
    const at = positionOf(editor.document, 'headless1', 'name: ');
    const text = markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
    assert.match(text, /headless1\.default\.svc\.cluster\.local/);
    assert.match(text, /pod-a\.headless1\.default\.svc\.cluster\.local/);
    assert.match(text, /pod-b\.headless1\.default\.svc\.cluster\.local/);
  });

  test('a line that is no Service name has no kube-lookup hover', async () => {
    const editor = await openInEditor(workspaceFile('seeds/clusterip1.yaml'));
    const at = positionOf(editor.document, 'kubetm/app');
    const text = markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
    assert.doesNotMatch(text, /svc\.cluster\.local/);
  });
});
