import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openInEditor, workspaceFile } from './editor';

const RENDERED_SCHEME = 'kube-lookup-rendered';

/** kustomize or kubectl on the extension host's PATH, as the server looks for them. */
const tool = (process.env.PATH ?? '').split(path.delimiter).filter((folder) => path.isAbsolute(folder)).some((folder) => ['kustomize', 'kubectl'].some((name) => fs.existsSync(path.join(folder, name))));

function renderedTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RENDERED_SCHEME);
}

suite('Show rendered manifest', () => {
  const folder = workspaceFile('rendered-demo');

  suiteSetup(async function () {
    if (!tool) {
      process.stderr.write('\n*** SKIPPED: neither kustomize nor kubectl is on PATH: "Show rendered manifest" cannot be tested ***\n\n');
      this.skip();
    }
    await activateExtension();
    const write = (file: string, text: string): Thenable<void> => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file), Buffer.from(text));
    await write('service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n');
    await write('kustomization.yaml', 'namePrefix: prod-\nnamespace: prod\nresources:\n- service.yaml\n');
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('opens what kustomize built for the file\'s Kustomize root, read-only YAML beside it', async () => {
    await openInEditor(vscode.Uri.joinPath(folder, 'service.yaml'));
    // the server learns of the new files from the file watcher: ask until the root is there
    const deadline = Date.now() + 60_000;
    while (renderedTabs().length === 0 && Date.now() < deadline) {
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'service.yaml'), { viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('kubeLookup.showRenderedManifest');
      if (renderedTabs().length === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const tabs = renderedTabs();
    assert.equal(tabs.length, 1, 'one rendered tab');
    assert.equal(tabs[0]!.label, 'rendered-demo (rendered).yaml');
    const document = await vscode.workspace.openTextDocument((tabs[0]!.input as vscode.TabInputText).uri);
    assert.equal(document.languageId, 'yaml');
    assert.match(document.getText(), /^ {2}name: prod-web$/m);
    assert.match(document.getText(), /^ {2}namespace: prod$/m);
    assert.match(document.getText(), /config\.kubernetes\.io\/origin/);
  });
});
