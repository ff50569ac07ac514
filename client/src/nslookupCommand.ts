import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DNS_RECORD_TYPES,
  PODS_REQUEST,
  SIMULATE_NSLOOKUP_REQUEST,
  type DnsRecordType,
  type PodsParams,
  type PodsResult,
  type SimulateNslookupParams,
  type SimulateNslookupResult,
} from '../../server/src/protocol';
import type { TranscriptDocuments } from './transcripts';

interface OriginItem extends vscode.QuickPickItem {
  readonly from?: SimulateNslookupParams['from'];
}

/**
 * Kubernetes: Simulate nslookup. Pick the Pod (or any Pod of a namespace) that asks, type the
 * name (the namespace's Services are offered), choose the record type, read the transcript.
 */
export async function simulateNslookupCommand(client: LanguageClient, transcripts: TranscriptDocuments): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = editor?.document.uri.toString() ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
  const params: PodsParams = { uri, position: editor ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined };
  const pods = await client.sendRequest<PodsResult>(PODS_REQUEST, params);
  const from = await pickOrigin(pods);
  if (!from) return;
  const services = pods.namespaces.find((entry) => entry.namespace === from.namespace)?.services ?? [];
  const name = await pickName(services, from.namespace);
  if (!name) return;
  const type = await pickType();
  if (!type) return;
  const result = await client.sendRequest<SimulateNslookupResult | null>(SIMULATE_NSLOOKUP_REQUEST, { uri, name, type, from } satisfies SimulateNslookupParams);
  if (!result) {
    void vscode.window.showWarningMessage('kube-lookup: no workspace cluster to ask; open a folder with Kubernetes manifests.');
    return;
  }
  await transcripts.show('nslookup', result.transcript);
}

async function pickOrigin(pods: PodsResult): Promise<SimulateNslookupParams['from'] | undefined> {
  const items: OriginItem[] = [];
  for (const entry of pods.namespaces) {
    items.push({ label: `namespace ${entry.namespace}`, kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(globe) any Pod in namespace ${entry.namespace}`, description: 'dnsPolicy ClusterFirst', from: { namespace: entry.namespace } });
    for (const pod of entry.pods) items.push({ label: `$(symbol-object) ${pod.name}`, description: pod.owner, from: { namespace: entry.namespace, pod: pod.name } });
  }
  const quickPick = vscode.window.createQuickPick<OriginItem>();
  quickPick.title = 'Simulate nslookup: ask from which Pod?';
  quickPick.placeholder = 'A Pod, or any Pod of a namespace';
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  const at = pods.podAtPosition;
  const preselected = at && items.find((item) => item.from?.pod === at.name && item.from.namespace === at.namespace);
  if (preselected) quickPick.activeItems = [preselected];
  const picked = await choose(quickPick);
  return picked?.from;
}

async function pickName(services: readonly string[], namespace: string): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
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

async function pickType(): Promise<DnsRecordType | undefined> {
  const picked = await vscode.window.showQuickPick(DNS_RECORD_TYPES.map((type) => ({ label: type })), { title: 'Simulate nslookup: record type', placeHolder: 'A (press Enter), or another type' });
  return picked?.label as DnsRecordType | undefined;
}

export function choose<T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>): Promise<T | undefined> {
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
