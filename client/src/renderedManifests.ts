import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RENDERED_MANIFEST_REQUEST, type RenderedManifestParams, type RenderedManifestResult } from '../../server/src/protocol';

export const RENDERED_SCHEME = 'kube-lookup-rendered';

/**
 * "Show rendered manifest": what kustomize built for the Kustomize root of the file in the editor,
 * or what `helm template` printed for its Helm chart, as a read-only YAML document (a virtual
 * document: nothing is written to disk) titled with the cluster's name. Asked again, the same tab
 * shows the newest rendering.
 */
export class RenderedManifests implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.uri.scheme !== 'file') return void vscode.window.showInformationMessage('kube-lookup: open a file of a Kustomize root or a Helm chart to see what kustomize or helm renders for it.');
    const result = await this.client.sendRequest<RenderedManifestResult>(RENDERED_MANIFEST_REQUEST, { uri: document.uri.toString() } satisfies RenderedManifestParams);
    if ('error' in result) return void vscode.window.showInformationMessage(`kube-lookup: ${result.error}`);
    // a `/` would make the tab show only what follows it
    const uri = vscode.Uri.from({ scheme: RENDERED_SCHEME, path: `/${result.cluster.replace(/\//g, '∕')} (rendered).yaml` });
    this.texts.set(uri.toString(), result.text);
    this.changed.fire(uri);
    let rendered = await vscode.workspace.openTextDocument(uri);
    if (rendered.languageId !== 'yaml') rendered = await vscode.languages.setTextDocumentLanguage(rendered, 'yaml');
    await vscode.window.showTextDocument(rendered, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
