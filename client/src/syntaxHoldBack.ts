import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** How long typing must pause before the syntax errors of the document being edited are shown. */
export const TYPING_PAUSE_MS = 800;

/**
 * Half-typed YAML is a syntax error at almost every keystroke: showing each one makes red squiggles
 * flicker. While a document is being edited, its `yaml-syntax` diagnostics are held back (the others,
 * and every other file's, pass at once) and shown once typing pauses, if the server still reports them.
 */
export class SyntaxHoldBack implements vscode.Disposable {
  private readonly lastEdit = new Map<string, number>();
  private readonly held = new Map<string, { diagnostics: vscode.Diagnostic[]; next: (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void; timer: NodeJS.Timeout }>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length > 0) this.lastEdit.set(event.document.uri.toString(), Date.now());
  });

  readonly middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => this.handle(uri, diagnostics, next),
  };

  private handle(uri: vscode.Uri, diagnostics: vscode.Diagnostic[], next: (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void): void {
    const key = uri.toString();
    const previous = this.held.get(key);
    if (previous) clearTimeout(previous.timer);
    this.held.delete(key);
    const sinceEdit = Date.now() - (this.lastEdit.get(key) ?? 0);
    const syntax = diagnostics.filter(isSyntaxError);
    if (sinceEdit >= TYPING_PAUSE_MS || syntax.length === 0) {
      next(uri, diagnostics);
      return;
    }
    next(uri, diagnostics.filter((diagnostic) => !isSyntaxError(diagnostic)));
    const timer = setTimeout(() => {
      const waiting = this.held.get(key);
      if (!waiting) return;
      // still typing: wait for the next pause
      if (Date.now() - (this.lastEdit.get(key) ?? 0) < TYPING_PAUSE_MS) return this.handle(uri, waiting.diagnostics, waiting.next);
      this.held.delete(key);
      waiting.next(uri, waiting.diagnostics);
    }, TYPING_PAUSE_MS - sinceEdit);
    this.held.set(key, { diagnostics, next, timer });
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { timer } of this.held.values()) clearTimeout(timer);
  }
}

function isSyntaxError(diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === 'yaml-syntax';
}
