import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PODS_REQUEST,
  SIMULATE_CONNECTION_REQUEST,
  type PodsParams,
  type PodsResult,
  type SimulateConnectionParams,
  type SimulateConnectionResult,
} from '../../server/src/protocol';
import { choose } from './nslookupCommand';
import { typedOrPicked } from './typedPick';
import type { TranscriptDocuments } from './transcripts';

interface PodItem extends vscode.QuickPickItem {
  readonly from?: SimulateConnectionParams['from'];
}

/**
 * kube-lookup: Simulate connection. Pick the Pod the connection starts from, type HOST:PORT or a URL
 * (the namespace's Services are offered), choose the protocol, read the path: DNS, the Service and
 * its endpoints, and the NetworkPolicies that decide.
 */
export async function simulateConnectionCommand(client: LanguageClient, transcripts: TranscriptDocuments): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = editor?.document.uri.toString() ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
  const params: PodsParams = { uri, position: editor ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined };
  const pods = await client.sendRequest<PodsResult>(PODS_REQUEST, params);
  const from = await pickPod(pods);
  if (!from) return;
  const services = pods.namespaces.find((entry) => entry.namespace === from.namespace)?.services ?? [];
  const target = await pickTarget(services, from.namespace);
  if (!target) return;
  const protocol = await vscode.window.showQuickPick(['TCP', 'UDP', 'SCTP'].map((label) => ({ label })), { title: 'Simulate connection: protocol', placeHolder: 'TCP (press Enter), or another protocol' });
  if (!protocol) return;
  const result = await client.sendRequest<SimulateConnectionResult | null>(SIMULATE_CONNECTION_REQUEST, { uri, target, protocol: protocol.label, from } satisfies SimulateConnectionParams);
  if (!result) {
    void vscode.window.showWarningMessage('kube-lookup: no workspace cluster to ask; open a folder with Kubernetes manifests.');
    return;
  }
  await transcripts.show(`connect ${target} (${protocol.label}) from ${from.namespace}/${from.pod}`, result.transcript);
}

async function pickPod(pods: PodsResult): Promise<SimulateConnectionParams['from'] | undefined> {
  const items: PodItem[] = [];
  for (const entry of pods.namespaces) {
    if (entry.pods.length === 0) continue;
    items.push({ label: `namespace ${entry.namespace}`, kind: vscode.QuickPickItemKind.Separator });
    for (const pod of entry.pods) items.push({ label: `$(symbol-object) ${pod.name}`, description: pod.owner, from: { namespace: entry.namespace, pod: pod.name } });
  }
  const quickPick = vscode.window.createQuickPick<PodItem>();
  quickPick.title = 'Simulate connection: from which Pod?';
  quickPick.placeholder = 'The Pod the connection starts from';
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  const at = pods.podAtPosition;
  const preselected = at && items.find((item) => item.from?.pod === at.name && item.from.namespace === at.namespace);
  if (preselected) quickPick.activeItems = [preselected];
  return (await choose(quickPick, false))?.item?.from;
}

async function pickTarget(services: readonly string[], namespace: string): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = 'Simulate connection: to which HOST:PORT?';
  quickPick.placeholder = `HOST:PORT, HOST:PORTNAME or a URL, e.g. a Service of ${namespace} and its port`;
  const suggestions = services.map((service) => ({ label: `${service}:`, description: `Service ${namespace}/${service}: type its port` }));
  quickPick.items = suggestions;
  quickPick.onDidChangeValue((value) => {
    const typed = value.trim();
    quickPick.items = typed ? [{ label: typed, description: 'connect here' }, ...suggestions] : suggestions;
  });
  // as for nslookup: the typed target wins a quick Enter
  const picked = await choose(quickPick, true);
  return typedOrPicked(picked?.value ?? '', picked?.item?.label);
}
