import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  COMMANDS,
  RECORDS_REQUEST,
  SERVICE_ENVIRONMENT_REQUEST,
  SIMULATE_NSLOOKUP_REQUEST,
  STATUS_NOTIFICATION,
  WORKSPACE_TRUSTED_NOTIFICATION,
  type RecordsParams,
  type RecordsResult,
  type ServiceEnvironmentParams,
  type ServiceEnvironmentResult,
  type ShowEndpointsArguments,
  type SimulateNslookupParams,
  type SimulateNslookupResult,
  type StatusParams,
  type WorkspaceTrustedParams,
} from '../../server/src/protocol';
import { ClusterStatus } from './clusterStatus';
import { simulateConnectionCommand } from './connectCommand';
import { simulateNslookupCommand } from './nslookupCommand';
import { ServiceMapPanel } from './serviceMap/serviceMapPanel';
import { SyntaxHoldBack } from './syntaxHoldBack';
import { pickClusterCommand } from './pickClusterCommand';
import { RENDERED_SCHEME, RenderedManifests } from './renderedManifests';
import { TRANSCRIPT_SCHEME, TranscriptDocuments } from './transcripts';

let client: LanguageClient | undefined;

/** What `activate` returns to other extensions (and to the end-to-end tests). */
export interface KubeLookupApi {
  /** The nslookup simulation the command runs, without its prompts. */
  simulateNslookup(params: SimulateNslookupParams): Promise<SimulateNslookupResult | null>;
}

export async function activate(context: vscode.ExtensionContext): Promise<KubeLookupApi> {
  const output = vscode.window.createOutputChannel('kube-lookup', { log: true });
  // the .vsix ships two esbuild bundles side by side (dist/extension.js, dist/server.js); a tsc build runs from out/
  const bundledServer = path.join(__dirname, 'server.js');
  const serverModule = fs.existsSync(bundledServer) ? bundledServer : context.asAbsolutePath(path.join('out', 'server', 'src', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const holdBack = new SyntaxHoldBack();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel: output,
    middleware: holdBack.middleware,
    // the hover's "list all" link of a long endpoint list
    markdown: { isTrusted: { enabledCommands: [COMMANDS.showEndpoints] } },
    // kustomize runs only in a trusted workspace; the server hears when it becomes trusted
    initializationOptions: { trustedWorkspace: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('kubeLookup', 'kube-lookup', serverOptions, clientOptions);
  const transcripts = new TranscriptDocuments();
  const status = new ClusterStatus(client);
  const renderedManifests = new RenderedManifests(client);

  context.subscriptions.push(
    output,
    status,
    transcripts,
    vscode.workspace.registerTextDocumentContentProvider(TRANSCRIPT_SCHEME, transcripts),
    renderedManifests,
    vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, renderedManifests),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION, { trusted: true } satisfies WorkspaceTrustedParams)),
    vscode.commands.registerCommand(COMMANDS.showRenderedManifest, () => run(output, () => renderedManifests.show())),
    holdBack,
    vscode.commands.registerCommand(COMMANDS.showLog, () => output.show(true)),
    // activation on YAML only: a folder of JSON manifests starts the server with this command
    vscode.commands.registerCommand(COMMANDS.start, () => void vscode.window.showInformationMessage('kube-lookup is checking the manifests of this workspace, JSON files included.')),
    vscode.commands.registerCommand(COMMANDS.pickCluster, () => run(output, async () => {
      const chosen = await pickClusterCommand(client!);
      if (chosen) status.show(chosen);
    })),
    vscode.commands.registerCommand(COMMANDS.simulateNslookup, () => run(output, () => simulateNslookupCommand(client!, transcripts))),
    vscode.commands.registerCommand(COMMANDS.simulateConnection, () => run(output, () => simulateConnectionCommand(client!, transcripts))),
    vscode.commands.registerCommand(COMMANDS.showRecords, () => run(output, async () => {
      const params = atCursor();
      if (!params) return;
      const result = await client!.sendRequest<RecordsResult>(RECORDS_REQUEST, params satisfies RecordsParams);
      // "put the cursor on…" is a hint, not a document
      if (!result.object) return void vscode.window.showInformationMessage(`kube-lookup: ${result.text.replace(/^;\s*/, '').trim()}`);
      await transcripts.show(`DNS records of ${result.object}`, result.text);
    })),
    vscode.commands.registerCommand(COMMANDS.showServiceEnvironment, () => run(output, async () => {
      const params = atCursor();
      if (!params) return;
      const result = await client!.sendRequest<ServiceEnvironmentResult>(SERVICE_ENVIRONMENT_REQUEST, params satisfies ServiceEnvironmentParams);
      if (!result.pod) return void vscode.window.showInformationMessage(`kube-lookup: ${result.text.trim()}`);
      await transcripts.show(`Service environment of ${result.pod}`, result.text);
    })),
    vscode.commands.registerCommand(COMMANDS.showServiceMap, () => run(output, async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document) ServiceMapPanel.show(context, client!, document.uri.toString());
      else void vscode.window.showInformationMessage('kube-lookup: open a Kubernetes manifest to map its cluster.');
    })),
    vscode.commands.registerCommand(COMMANDS.showEndpoints, (...args: ShowEndpointsArguments) => run(output, async () => {
      const [uri, position, locations] = args;
      const converter = client!.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), converter.asPosition(position), await Promise.all(locations.map((location) => converter.asLocation(location))));
    })),
  );

  client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));
  await client.start();
  void status.refresh();
  output.info('kube-lookup language server started');
  return { simulateNslookup: (params) => client!.sendRequest<SimulateNslookupResult | null>(SIMULATE_NSLOOKUP_REQUEST, params) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The active editor's document and cursor, as a request's params. */
function atCursor(): { uri: string; position: { line: number; character: number } } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('kube-lookup: open a Kubernetes manifest and put the cursor on an object.');
    return undefined;
  }
  const position = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line: position.line, character: position.character } };
}

/** Runs a command: an error is logged and shown, never thrown into VS Code. */
async function run(output: vscode.LogOutputChannel, command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    output.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void vscode.window.showErrorMessage(`kube-lookup: ${error instanceof Error ? error.message : String(error)}`);
  }
}
