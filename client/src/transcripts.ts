import * as vscode from 'vscode';

export const TRANSCRIPT_SCHEME = 'kube-lookup';
export const TRANSCRIPT_LANGUAGE = 'kube-lookup-nslookup';

/**
 * Read-only documents for what the server computes (nslookup transcripts, records, environment
 * variables), shown in one tab: each new answer replaces the last one in the same editor group.
 * The URI's name is the tab's title, so it says what was asked from where.
 */
export class TranscriptDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** The URI of the tab shown last. */
  private shown: vscode.Uri | undefined;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(title: string, text: string): Promise<void> {
    // a `/` would make the tab show only what follows it
    const uri = vscode.Uri.from({ scheme: TRANSCRIPT_SCHEME, path: `/${title.replace(/\//g, '∕')}` });
    const previous = this.shown ? tabOf(this.shown) : undefined;
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== TRANSCRIPT_LANGUAGE) document = await vscode.languages.setTextDocumentLanguage(document, TRANSCRIPT_LANGUAGE);
    // beside the manifest the first time; afterwards where the last answer stands, even when asked from it
    await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false, viewColumn: previous?.group.viewColumn ?? vscode.ViewColumn.Beside });
    if (previous && this.shown?.toString() !== uri.toString()) {
      const stale = tabOf(this.shown!);
      if (stale) await vscode.window.tabGroups.close(stale, true);
      this.texts.delete(this.shown!.toString());
    }
    this.shown = uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function tabOf(uri: vscode.Uri): vscode.Tab | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()) return tab;
  }
  return undefined;
}
