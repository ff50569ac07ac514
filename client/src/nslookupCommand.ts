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
import { TRANSCRIPT_SCHEME, type TranscriptDocuments } from './transcripts';
import { typedOrPicked } from './typedPick';

/** The manifest the last lookup was asked from. */
let askedFrom: string | undefined;

interface OriginItem extends vscode.QuickPickItem {
  readonly from?: SimulateNslookupParams['from'];
}

/**
 * kube-lookup: Simulate nslookup. Pick the Pod (or any Pod of a namespace) that asks, type the
 * name (the namespace's Services are offered), choose the record type, read the transcript.
 */
export async function simulateNslookupCommand(client: LanguageClient, transcripts: TranscriptDocuments): Promise<void> {
  // asked again from the transcript: the lookup runs in the cluster of the manifest it was asked from
  const active = vscode.window.activeTextEditor;
  const editor = active && active.document.uri.scheme !== TRANSCRIPT_SCHEME ? active : undefined;
  const beside = vscode.window.visibleTextEditors.find((visible) => visible.document.uri.scheme === 'file')?.document.uri.toString();
  const uri = editor?.document.uri.toString() ?? askedFrom ?? beside ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
  askedFrom = uri;
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
  await transcripts.show(`nslookup ${name} (${type}) from ${from.pod ? `${from.namespace}/${from.pod}` : `namespace ${from.namespace}`}`, result.transcript);
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
  const picked = await choose(quickPick, false);
  return picked?.item?.from;
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
  // Enter right after typing may come before the list follows the value: the typed name wins
  // unless the item taken is one the typed text filters to
  const picked = await choose(quickPick, true);
  return typedOrPicked(picked?.value ?? '', picked?.item?.label);
}


async function pickType(): Promise<DnsRecordType | undefined> {
  const picked = await vscode.window.showQuickPick(DNS_RECORD_TYPES.map((type) => ({ label: type })), { title: 'Simulate nslookup: record type', placeHolder: 'A (press Enter), or another type' });
  return picked?.label as DnsRecordType | undefined;
}

/** The item accepted (if any) and the text typed; undefined when the pick is dismissed or, without `takesText`, nothing is picked. */
export function choose<T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>, takesText: boolean): Promise<{ item?: T; value: string } | undefined> {
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (!item && !(takesText && quickPick.value.trim())) return;
      resolve({ item, value: quickPick.value });
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
