"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.activate = activate;
exports.deactivate = deactivate;
const fs = __importStar(require("node:fs"));
const path = __importStar(require("node:path"));
const vscode = __importStar(require("vscode"));
const node_1 = require("vscode-languageclient/node");
const protocol_1 = require("../../server/src/protocol");
const nslookupCommand_1 = require("./nslookupCommand");
const transcripts_1 = require("./transcripts");
let client;
async function activate(context) {
    const output = vscode.window.createOutputChannel('kube-lookup', { log: true });
    // the .vsix ships two esbuild bundles side by side (dist/extension.js, dist/server.js); a tsc build runs from out/
    const bundledServer = path.join(__dirname, 'server.js');
    const serverModule = fs.existsSync(bundledServer) ? bundledServer : context.asAbsolutePath(path.join('out', 'server', 'src', 'main.js'));
    const serverOptions = {
        run: { module: serverModule, transport: node_1.TransportKind.ipc },
        debug: { module: serverModule, transport: node_1.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'yaml' },
            { scheme: 'file', language: 'json' },
            { scheme: 'untitled', language: 'yaml' },
        ],
        outputChannel: output,
    };
    client = new node_1.LanguageClient('kubeLookup', 'kube-lookup', serverOptions, clientOptions);
    const transcripts = new transcripts_1.TranscriptDocuments();
    const status = vscode.window.createStatusBarItem('kubeLookup.status', vscode.StatusBarAlignment.Left, 10);
    status.name = 'kube-lookup';
    status.command = protocol_1.COMMANDS.showLog;
    status.text = '⎈ …';
    status.tooltip = 'kube-lookup: starting';
    status.show();
    context.subscriptions.push(output, status, transcripts, vscode.workspace.registerTextDocumentContentProvider(transcripts_1.TRANSCRIPT_SCHEME, transcripts), vscode.commands.registerCommand(protocol_1.COMMANDS.showLog, () => output.show(true)), vscode.commands.registerCommand(protocol_1.COMMANDS.simulateNslookup, () => run(output, () => (0, nslookupCommand_1.simulateNslookupCommand)(client, transcripts))), vscode.commands.registerCommand(protocol_1.COMMANDS.showRecords, () => run(output, async () => {
        const params = atCursor();
        if (!params)
            return;
        const result = await client.sendRequest(protocol_1.RECORDS_REQUEST, params);
        await transcripts.show('records', result.text);
    })), vscode.commands.registerCommand(protocol_1.COMMANDS.showServiceEnvironment, () => run(output, async () => {
        const params = atCursor();
        if (!params)
            return;
        const result = await client.sendRequest(protocol_1.SERVICE_ENVIRONMENT_REQUEST, params);
        await transcripts.show('environment', result.text);
    })), vscode.commands.registerCommand(protocol_1.COMMANDS.showEndpoints, (...args) => run(output, async () => {
        const [uri, position, locations] = args;
        const converter = client.protocol2CodeConverter;
        await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), converter.asPosition(position), await Promise.all(locations.map((location) => converter.asLocation(location))));
    })));
    client.onNotification(protocol_1.STATUS_NOTIFICATION, (params) => {
        status.text = params.indexing ? '$(sync~spin) ⎈ indexing…' : `⎈ ${params.services} Service${params.services === 1 ? '' : 's'}`;
        status.tooltip = `kube-lookup: ${params.services} Services in ${params.files} manifest files${params.indexing ? ' (indexing)' : ''}`;
    });
    await client.start();
    output.info('kube-lookup language server started');
    return { simulateNslookup: (params) => client.sendRequest(protocol_1.SIMULATE_NSLOOKUP_REQUEST, params) };
}
async function deactivate() {
    await client?.stop();
    client = undefined;
}
/** The active editor's document and cursor, as a request's params. */
function atCursor() {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        void vscode.window.showInformationMessage('kube-lookup: open a Kubernetes manifest and put the cursor on an object.');
        return undefined;
    }
    const position = editor.selection.active;
    return { uri: editor.document.uri.toString(), position: { line: position.line, character: position.character } };
}
/** Runs a command: an error is logged and shown, never thrown into VS Code. */
async function run(output, command) {
    try {
        await command();
    }
    catch (error) {
        output.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        void vscode.window.showErrorMessage(`kube-lookup: ${error instanceof Error ? error.message : String(error)}`);
    }
}
//# sourceMappingURL=extension.js.map