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
exports.simulateNslookupCommand = simulateNslookupCommand;
const vscode = __importStar(require("vscode"));
const protocol_1 = require("../../server/src/protocol");
/**
 * Kubernetes: Simulate nslookup. Pick the Pod (or any Pod of a namespace) that asks, type the
 * name (the namespace's Services are offered), choose the record type, read the transcript.
 */
async function simulateNslookupCommand(client, transcripts) {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString() ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
    const params = { uri, position: editor ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined };
    const pods = await client.sendRequest(protocol_1.PODS_REQUEST, params);
    const from = await pickOrigin(pods);
    if (!from)
        return;
    const services = pods.namespaces.find((entry) => entry.namespace === from.namespace)?.services ?? [];
    const name = await pickName(services, from.namespace);
    if (!name)
        return;
    const type = await pickType();
    if (!type)
        return;
    const result = await client.sendRequest(protocol_1.SIMULATE_NSLOOKUP_REQUEST, { uri, name, type, from });
    if (!result) {
        void vscode.window.showWarningMessage('kube-lookup: no workspace cluster to ask; open a folder with Kubernetes manifests.');
        return;
    }
    await transcripts.show('nslookup', result.transcript);
}
async function pickOrigin(pods) {
    const items = [];
    for (const entry of pods.namespaces) {
        items.push({ label: `namespace ${entry.namespace}`, kind: vscode.QuickPickItemKind.Separator });
        items.push({ label: `$(globe) any Pod in namespace ${entry.namespace}`, description: 'dnsPolicy ClusterFirst', from: { namespace: entry.namespace } });
        for (const pod of entry.pods)
            items.push({ label: `$(symbol-object) ${pod.name}`, description: pod.owner, from: { namespace: entry.namespace, pod: pod.name } });
    }
    const quickPick = vscode.window.createQuickPick();
    quickPick.title = 'Simulate nslookup: ask from which Pod?';
    quickPick.placeholder = 'A Pod, or any Pod of a namespace';
    quickPick.matchOnDescription = true;
    quickPick.items = items;
    const at = pods.podAtPosition;
    const preselected = at && items.find((item) => item.from?.pod === at.name && item.from.namespace === at.namespace);
    if (preselected)
        quickPick.activeItems = [preselected];
    const picked = await choose(quickPick);
    return picked?.from;
}
async function pickName(services, namespace) {
    const quickPick = vscode.window.createQuickPick();
    quickPick.title = 'Simulate nslookup: which name?';
    quickPick.placeholder = `A name to look up, e.g. a Service of ${namespace}, service.namespace, or pod-a.headless`;
    const suggestions = services.map((service) => ({ label: service, description: `Service ${namespace}/${service}` }));
    quickPick.items = suggestions;
    quickPick.onDidChangeValue((value) => {
        const typed = value.trim();
        quickPick.items = typed && !services.includes(typed) ? [{ label: typed, description: 'look up this name' }, ...suggestions] : suggestions;
    });
    const picked = await choose(quickPick);
    return picked?.label.trim() || undefined;
}
async function pickType() {
    const picked = await vscode.window.showQuickPick(protocol_1.DNS_RECORD_TYPES.map((type) => ({ label: type })), { title: 'Simulate nslookup: record type', placeHolder: 'A (press Enter), or another type' });
    return picked?.label;
}
function choose(quickPick) {
    return new Promise((resolve) => {
        quickPick.onDidAccept(() => {
            resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]);
            quickPick.hide();
        });
        quickPick.onDidHide(() => {
            resolve(undefined);
            quickPick.dispose();
        });
        quickPick.show();
    });
}
//# sourceMappingURL=nslookupCommand.js.map