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
  type ShowServiceMapArguments,
  type SimulateNslookupParams,
  type SimulateNslookupResult,
  type StatusParams,
  type WorkspaceTrustedParams,
} from '../../server/src/protocol';
import { ClusterStatus } from './clusterStatus';
import { holdsKubernetesObjects } from './kubernetesJson';
import { simulateConnectionCommand } from './connectCommand';
import { simulateNslookupCommand } from './nslookupCommand';
import { ServiceMapPanel } from './serviceMap/serviceMapPanel';
import { SyntaxHoldBack } from './syntaxHoldBack';
import { pickClusterCommand } from './pickClusterCommand';
import { RuleDocumentation } from './ruleDocEditor';
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
  const ruleDocs = new RuleDocumentation(context.extensionUri);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel: output,
    // rule links open rendered pages; syntax errors wait for a pause in typing
    middleware: { handleDiagnostics: (uri, diagnostics, next) => ruleDocs.middleware.handleDiagnostics!(uri, diagnostics, (shown, linked) => holdBack.middleware.handleDiagnostics!(shown, linked, next)) },
    // the hover's "list all" link of a long endpoint list
    markdown: { isTrusted: { enabledCommands: [COMMANDS.showEndpoints] } },
    // kustomize and helm run only in a trusted workspace; the server hears when it becomes trusted
    initializationOptions: { trustedWorkspace: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('kubeLookup', 'kube-lookup', serverOptions, clientOptions);
  const transcripts = new TranscriptDocuments();
  const status = new ClusterStatus(client);
  let starting: Promise<void> | undefined;
  /** Starts the language server once: it indexes the whole workspace, so not for a folder without manifests. */
  const start = (): Promise<void> => (starting ??= (async () => {
    await client!.start();
    void status.refresh();
    output.info('kube-lookup language server started');
  })());
  /** A command: the server starts first (a command may be what activated the extension). */
  const command = (body: () => Promise<void>) => () => run(output, async () => {
    await start();
    await body();
  });
  const renderedManifests = new RenderedManifests(client);

  context.subscriptions.push(
    output,
    status,
    transcripts,
    vscode.workspace.registerTextDocumentContentProvider(TRANSCRIPT_SCHEME, transcripts),
    renderedManifests,
    vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, renderedManifests),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION, { trusted: true } satisfies WorkspaceTrustedParams)),
    vscode.commands.registerCommand(COMMANDS.showRenderedManifest, command(() => renderedManifests.show())),
    holdBack,
    ruleDocs,
    vscode.commands.registerCommand(COMMANDS.showLog, () => output.show(true)),
    // a folder of JSON manifests none of which is open starts the server with this command
    vscode.commands.registerCommand(COMMANDS.start, command(async () => void vscode.window.showInformationMessage('kube-lookup is checking the manifests of this workspace, JSON files included.'))),
    vscode.commands.registerCommand(COMMANDS.pickCluster, command(async () => {
      const chosen = await pickClusterCommand(client!);
      if (chosen) status.show(chosen);
    })),
    vscode.commands.registerCommand(COMMANDS.simulateNslookup, command(() => simulateNslookupCommand(client!, transcripts))),
    vscode.commands.registerCommand(COMMANDS.simulateConnection, command(() => simulateConnectionCommand(client!, transcripts))),
    vscode.commands.registerCommand(COMMANDS.showRecords, command(async () => {
      const params = atCursor();
      if (!params) return;
      const result = await client!.sendRequest<RecordsResult>(RECORDS_REQUEST, params satisfies RecordsParams);
      // "put the cursor on…" is a hint, not a document
      if (!result.object) return void vscode.window.showInformationMessage(`kube-lookup: ${result.text.replace(/^;\s*/, '').trim()}`);
      await transcripts.show(`DNS records of ${result.object}`, result.text);
    })),
    vscode.commands.registerCommand(COMMANDS.showServiceEnvironment, command(async () => {
      const params = atCursor();
      if (!params) return;
      const result = await client!.sendRequest<ServiceEnvironmentResult>(SERVICE_ENVIRONMENT_REQUEST, params satisfies ServiceEnvironmentParams);
      if (!result.pod) return void vscode.window.showInformationMessage(`kube-lookup: ${result.text.trim()}`);
      await transcripts.show(`Service environment of ${result.pod}`, result.text);
    })),
    vscode.commands.registerCommand(COMMANDS.showServiceMap, (...args: ShowServiceMapArguments | []) => command(async () => {
      // from a Service's CodeLens: its file, node and namespace; from the palette: the active file
      if (args.length === 3) return void ServiceMapPanel.show(context, client!, args[0], { nodeId: args[1], namespace: args[2] });
      const document = vscode.window.activeTextEditor?.document;
      if (document) ServiceMapPanel.show(context, client!, document.uri.toString());
      else void vscode.window.showInformationMessage('kube-lookup: open a Kubernetes manifest to map its cluster.');
    })()),
    vscode.commands.registerCommand(COMMANDS.showEndpoints, (...args: ShowEndpointsArguments) => command(async () => {
      const [uri, position, locations] = args;
      const converter = client!.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), converter.asPosition(position), await Promise.all(locations.map((location) => converter.asLocation(location))));
    })()),
  );

  client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));
  // Activated by a JSON file (onLanguage:json), the server starts only once a JSON file holding
  // Kubernetes objects, or a YAML file, is open: package.json and tsconfig.json are no reason to
  // index the workspace. Activated otherwise (YAML, a command), it starts now.
  const documents = vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
  const startsOn = (document: vscode.TextDocument): boolean => document.languageId === 'yaml' || (document.languageId === 'json' && holdsKubernetesObjects(document.getText()));
  const onlyJson = documents.some((document) => document.languageId === 'json') && !documents.some((document) => document.languageId === 'yaml');
  if (!onlyJson || documents.some(startsOn)) await start();
  else {
    const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!startsOn(document)) return;
      waiting.dispose();
      void start().catch((error: unknown) => output.error(String(error)));
    });
    context.subscriptions.push(waiting);
    output.info('kube-lookup waits for a Kubernetes manifest: the open JSON files hold none');
  }
  return {
    simulateNslookup: async (params) => {
      await start();
      return client!.sendRequest<SimulateNslookupResult | null>(SIMULATE_NSLOOKUP_REQUEST, params);
    },
  };
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
