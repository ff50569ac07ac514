import * as vscode from 'vscode';

export const TRANSCRIPT_SCHEME = 'kube-lookup';
export const TRANSCRIPT_LANGUAGE = 'kube-lookup-nslookup';

/**
 * Read-only documents for what the server computes (nslookup transcripts, records, environment
 * variables). Each kind has one URI, so a new lookup replaces the text in the same tab.
 */
export class TranscriptDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  async show(name: 'nslookup' | 'connect' | 'records' | 'environment', text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: TRANSCRIPT_SCHEME, path: `/${name}` });
    this.texts.set(uri.path, text);
    this.changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== TRANSCRIPT_LANGUAGE) document = await vscode.languages.setTextDocumentLanguage(document, TRANSCRIPT_LANGUAGE);
    await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
