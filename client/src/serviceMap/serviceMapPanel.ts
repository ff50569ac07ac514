import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SERVICE_MAP_REQUEST, type ServiceMapParams, type ServiceMapResult } from '../../../server/src/protocol';
import { serviceMapHtml } from './serviceMapHtml';

/** Messages of the webview: it is ready, a node was chosen, another namespace was picked. */
export type FromWebview = { readonly type: 'ready' } | { readonly type: 'open'; readonly nodeId: string } | { readonly type: 'namespace'; readonly namespace: string | null };

/** A node to show: the Service whose CodeLens opened the map, in its namespace. */
export interface MapFocus {
  readonly nodeId: string;
  readonly namespace: string;
}

/** Edits, saves and diagnostics come in bursts; the map is asked again once they settle. */
const REFRESH_DELAY_MS = 400;

/**
 * One webview showing the map of the active cluster of the file it was opened from. The server
 * draws nothing: it sends the graph, the webview lays it out and draws it. The panel follows edits.
 */
export class ServiceMapPanel implements vscode.Disposable {
  static readonly viewType = 'kubeLookup.serviceMap';
  private static current: ServiceMapPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private namespace: string | null = null;
  private map: ServiceMapResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;

  /** Opens the map for a document (or brings the open one to it), narrowed to a namespace and focused on a node when asked. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, uri: string, focus?: MapFocus): ServiceMapPanel {
    const panel = ServiceMapPanel.current ?? (ServiceMapPanel.current = new ServiceMapPanel(context, client, uri));
    panel.uri = uri;
    if (focus) {
      panel.namespace = focus.namespace;
      panel.focus = focus.nodeId;
    }
    panel.panel.reveal(undefined, !focus);
    panel.refresh();
    return panel;
  }

  /** The node to focus once the next map arrives. */
  private focus: string | undefined;

  private readonly panel: vscode.WebviewPanel;

  private constructor(context: vscode.ExtensionContext, private readonly client: LanguageClient, private uri: string) {
    this.panel = vscode.window.createWebviewPanel(ServiceMapPanel.viewType, 'Service map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      // the script is inlined: the page loads no file at all, of the extension or the workspace
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    this.panel.webview.html = serviceMapHtml({ script: fs.readFileSync(webviewScript(context), 'utf8'), nonce: makeNonce() });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message)),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && (event.document.languageId === 'yaml' || event.document.languageId === 'json')) this.refreshSoon();
      }),
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
    );
  }

  /** Asks the server for the map again, once edits have settled. */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  refresh(): void {
    if (!this.ready) return;
    const params: ServiceMapParams = { uri: this.uri, namespace: this.namespace };
    this.client.sendRequest<ServiceMapResult>(SERVICE_MAP_REQUEST, params).then((map) => {
      this.map = map;
      this.panel.title = map.cluster && map.cluster !== 'plain' ? `Service map: ${map.cluster}` : 'Service map';
      void this.panel.webview.postMessage({ type: 'map', map });
      if (this.focus) void this.panel.webview.postMessage({ type: 'focus', nodeId: this.focus });
      this.focus = undefined;
    }, (error: unknown) => void this.panel.webview.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
  }

  private async receive(message: FromWebview): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      this.refresh();
    } else if (message.type === 'namespace') {
      this.namespace = message.namespace;
      this.refresh();
    } else if (message.type === 'open') {
      const location = this.map?.locations[message.nodeId];
      if (!location) return;
      const { start } = location.range;
      const position = new vscode.Position(start.line, start.character);
      // beside the map, which stays open
      await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    }
  }

  dispose(): void {
    if (ServiceMapPanel.current === this) ServiceMapPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

/** The bundled webview script: beside the bundled extension in the .vsix, else built by `npm run bundle` into dist/. */
function webviewScript(context: vscode.ExtensionContext): string {
  const beside = path.join(__dirname, 'serviceMapView.js');
  return fs.existsSync(beside) ? beside : context.asAbsolutePath(path.join('dist', 'serviceMapView.js'));
}

function makeNonce(): string {
  return crypto.randomBytes(16).toString('base64url');
}
