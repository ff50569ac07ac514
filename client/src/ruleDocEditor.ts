import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { linkPages, pageOfPath, RULE_DOC_SCHEME, RULE_PAGES_FOLDER, rulePageHtml, rulePageOf } from './ruleDocPages';

/** The view type of the rendered rule page (package.json contributes.customEditors). */
export const RULE_DOC_VIEW_TYPE = 'kubeLookup.ruleDocumentation';

/**
 * Renders the rule documentation pages in the editor: a diagnostic's link to
 * `docs/rules/<rule>.md` of this extension becomes a `kube-lookup-rule:` page, which opens in a
 * read-only editor that renders the Markdown with the built-in Markdown extension (links to other
 * rules open their pages). The pages are served read-only by a file system of their own, so
 * "Reopen Editor With… Text Editor" shows the source.
 */
export class RuleDocumentation implements vscode.CustomReadonlyEditorProvider, vscode.FileSystemProvider, vscode.Disposable {
  private readonly docs: vscode.Uri;
  private readonly registrations: vscode.Disposable[];
  private readonly unchanged = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.unchanged.event;

  constructor(extensionUri: vscode.Uri) {
    this.docs = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
    this.registrations = [
      vscode.workspace.registerFileSystemProvider(RULE_DOC_SCHEME, this, { isReadonly: true, isCaseSensitive: true }),
      vscode.window.registerCustomEditorProvider(RULE_DOC_VIEW_TYPE, this, { webviewOptions: { enableFindWidget: true } }),
    ];
  }

  /** The page of the same rule in this scheme, for a diagnostic's documentation link. */
  pageUri(target: vscode.Uri): vscode.Uri | undefined {
    if (target.scheme !== 'file') return undefined;
    const page = rulePageOf(target.path, this.docs.path);
    return page ? vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `${RULE_PAGES_FOLDER}/${page}` }) : undefined;
  }

  /** Middleware that points the diagnostics' documentation links at the rendered pages. */
  readonly middleware: Pick<Middleware, 'handleDiagnostics'> = {
    handleDiagnostics: (uri, diagnostics, next) => {
      for (const diagnostic of diagnostics) {
        const code = diagnostic.code;
        if (typeof code !== 'object' || !code.target) continue;
        const page = this.pageUri(code.target);
        if (page) diagnostic.code = { value: code.value, target: page };
      }
      next(uri, diagnostics);
    },
  };

  // ---- the editor ----

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: false, enableCommandUris: ['vscode.open'], localResourceRoots: [] };
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    let body: string;
    try {
      const markdown = new TextDecoder().decode(await this.readFile(document.uri));
      body = await this.render(markdown);
    } catch (error) {
      body = `<p>${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`;
    }
    const hrefOf = (page: string): string => `command:vscode.open?${encodeURIComponent(JSON.stringify([vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `${RULE_PAGES_FOLDER}/${page}` }).toString()]))}`;
    panel.webview.html = rulePageHtml(linkPages(body, hrefOf), nonce, panel.webview.cspSource);
  }

  /** Markdown to HTML by the built-in Markdown extension; as plain text when it is not there. */
  private async render(markdown: string): Promise<string> {
    try {
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
      if (typeof html === 'string' && html.length > 0) return html;
    } catch {
      // no Markdown extension: the source, readable as it is
    }
    return `<pre>${escapeHtml(markdown)}</pre>`;
  }

  // ---- the read-only file system of the pages ----

  private fileOf(uri: vscode.Uri): vscode.Uri {
    const page = pageOfPath(uri.path);
    if (!page) throw vscode.FileSystemError.FileNotFound(uri);
    return vscode.Uri.joinPath(this.docs, page);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.path === RULE_PAGES_FOLDER || uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const stat = await vscode.workspace.fs.stat(this.fileOf(uri));
    return { ...stat, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.fileOf(uri));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  watch(): vscode.Disposable {
    // the installed pages do not change
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    this.unchanged.dispose();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
