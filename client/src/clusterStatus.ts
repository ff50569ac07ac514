import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLUSTERS_REQUEST, COMMANDS, type ClustersParams, type ClustersResult, type StatusParams } from '../../server/src/protocol';

/**
 * The one status-bar item of kube-lookup: the cluster (apply unit) of the active editor's file when
 * its folder holds several, else the number of Services; indexing while the workspace is read.
 * Its tooltip lists the file's clusters; a click picks the file's cluster.
 */
export class ClusterStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeLookup.status', vscode.StatusBarAlignment.Left, 10);
  private status: StatusParams | undefined;
  private clusters: ClustersResult | undefined;
  /** The document `clusters` answers for; a newer question wins over an older answer. */
  private asked = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'kube-lookup';
    this.item.command = COMMANDS.showLog;
    this.item.text = '⎈ …';
    this.item.tooltip = 'kube-lookup: starting';
    // shown once the server runs (see render)
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()));
  }

  /** The server's status: a change of its clusters asks for the active file's again. */
  update(status: StatusParams): void {
    const layoutChanged = status.clusterLayout !== this.status?.clusterLayout || status.clusters !== this.status?.clusters;
    this.status = status;
    this.render();
    if (layoutChanged) void this.refresh();
  }

  /** Asks the server for the clusters of the active editor's file. */
  async refresh(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const asked = ++this.asked;
    let clusters: ClustersResult | undefined;
    if (uri !== undefined && this.client.isRunning()) {
      try {
        clusters = await this.client.sendRequest<ClustersResult>(CLUSTERS_REQUEST, { uri, files: false } satisfies ClustersParams);
      } catch {
        clusters = undefined;
      }
    }
    if (asked !== this.asked) return;
    this.clusters = clusters;
    this.render();
  }

  /** Shows an answer of `setActiveCluster` at once. */
  show(clusters: ClustersResult): void {
    this.clusters = clusters;
    this.render();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private render(): void {
    // not started (a window of JSON files that are no manifests): no item
    if (!this.client.isRunning()) return void this.item.hide();
    const status = this.status;
    const clusters = this.clusters;
    const services = status ? `${status.services} Service${status.services === 1 ? '' : 's'}` : '';
    // a file no cluster holds (a README, an excluded file) shows the workspace's count
    const active = clusters && clusters.fileClusters.length > 0 ? (clusters.active ?? undefined) : undefined;
    const several = (clusters?.clusters.length ?? 0) > 1;
    if (status?.indexing) this.item.text = '$(sync~spin) ⎈ indexing…';
    else if (active && several) this.item.text = `⎈ ${active}`;
    else this.item.text = status ? `⎈ ${services}` : '⎈ …';
    const lines = [status ? `kube-lookup: ${services} in ${status.files} manifest files${status.indexing ? ' (indexing)' : ''}` : 'kube-lookup: starting'];
    if (clusters && active) {
      const own = clusters.fileClusters;
      lines.push('', `Cluster of this file: ${active}`);
      if (own.length > 1) lines.push(`This file is in ${own.length} clusters: ${own.join(', ')}`);
      else if (own.length === 1 && own[0] !== active) lines.push(`This file is in ${own[0]}, where its hovers look`);
      lines.push(`${clusters.clusters.length} cluster${clusters.clusters.length === 1 ? '' : 's'} in this folder`, '', 'Click to pick the cluster for this file');
    }
    this.item.tooltip = lines.join('\n');
    // a folder with no Kubernetes objects gets no "⎈ 0 Services"
    if (status && !status.indexing && status.services === 0 && !(active && several)) this.item.hide();
    else this.item.show();
    this.item.command = clusters && active ? COMMANDS.pickCluster : COMMANDS.showLog;
  }
}
