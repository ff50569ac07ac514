import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLUSTERS_REQUEST, SET_ACTIVE_CLUSTER_REQUEST, type ClustersParams, type ClustersResult, type SetActiveClusterParams, type WireCluster } from '../../server/src/protocol';

const KIND: Readonly<Record<WireCluster['kind'], string>> = {
  kustomize: 'Kustomize',
  helm: 'Helm chart',
  plain: 'plain files',
  configured: '.kube-lookup.yaml',
};

/**
 * kube-lookup: Pick cluster for this file. Offers the clusters the file belongs to, or every cluster
 * of its folder when it belongs to one (to run lookups in another); the pick becomes the file's
 * active cluster. Returns the server's answer, or undefined when nothing was picked.
 */
export async function pickClusterCommand(client: LanguageClient): Promise<ClustersResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('kube-lookup: open a Kubernetes manifest to pick its cluster.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const result = await client.sendRequest<ClustersResult>(CLUSTERS_REQUEST, { uri, files: false } satisfies ClustersParams);
  if (result.clusters.length === 0) {
    void vscode.window.showInformationMessage('kube-lookup: this file belongs to no cluster (it is not analysed).');
    return undefined;
  }
  const own = result.clusters.filter((cluster) => result.fileClusters.includes(cluster.name));
  const offered = own.length > 1 ? own : result.clusters;
  const items = offered.map((cluster) => ({
    label: cluster.name,
    description: `${KIND[cluster.kind]}${cluster.name === result.active ? ' · active' : ''}${own.length <= 1 && result.fileClusters.includes(cluster.name) ? ' · this file' : ''}`,
    detail: `${cluster.fileCount} file${cluster.fileCount === 1 ? '' : 's'} · ${cluster.services} Service${cluster.services === 1 ? '' : 's'}`,
    picked: cluster.name === result.active,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'kube-lookup: cluster for this file',
    placeHolder: own.length > 1 ? `This file is in ${own.length} clusters; hovers, CodeLens and lookups use the one picked` : 'Lookups from this file run in the cluster picked',
  });
  if (!picked) return undefined;
  return client.sendRequest<ClustersResult>(SET_ACTIVE_CLUSTER_REQUEST, { uri, cluster: picked.label } satisfies SetActiveClusterParams);
}
