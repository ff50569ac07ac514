import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsWhen, markdownOf, openInEditor, positionOf, workspaceFile } from './editor';

function inCidr(ip: string, base: string, bits: number): boolean {
  const value = (address: string) => address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - bits);
  return Math.floor(value(ip) / size) === Math.floor(value(base) / size);
}

suite('hover on a Service', () => {
  suiteSetup(async () => {
    await activateExtension();
    // the server has read the workspace once a closed file carries its diagnostic
    await diagnosticsWhen(workspaceFile('broken/endpoints-name-typo/database.yaml'), (list) => list.length > 0, 'the analysis');
  });

  test('the name of a ClusterIP Service shows its FQDN and its endpoint', async () => {
    const editor = await openInEditor(workspaceFile('seeds/clusterip1.yaml'));
    const at = positionOf(editor.document, 'clusterip1', 'name: ');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = markdownOf(hovers);
    assert.match(text, /^\*\*Service\*\* `default\/clusterip1` · ClusterIP$/m);
    assert.match(text, /^`clusterip1\.default\.svc\.cluster\.local`/m);
    // port 80 reaches targetPort 8080 on the one Pod it selects; both addresses allocated from the CIDRs
    const clusterIp = /^- cluster IP `(\d+\.\d+\.\d+\.\d+)` \(simulated\) · 80\/TCP → 8080$/m.exec(text);
    assert.ok(clusterIp, text);
    assert.ok(inCidr(clusterIp[1]!, '10.96.0.0', 12), `${clusterIp[1]} is outside the default serviceCIDR`);
    const endpoint = /^\| pod1 \| (\d+\.\d+\.\d+\.\d+) \(simulated\) \| 8080 \| yes \|$/m.exec(text);
    assert.ok(endpoint, text);
    assert.ok(inCidr(endpoint[1]!, '10.244.0.0', 16), `${endpoint[1]} is outside the default podCIDR`);
  });

  test('a headless Service lists the hostname FQDNs of its Pods', async () => {
    const editor = await openInEditor(workspaceFile('seeds/headless1.yaml'));
    const at = positionOf(editor.document, 'headless1', 'name: ');
    const text = markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
    assert.match(text, /headless1\.default\.svc\.cluster\.local/);
    assert.match(text, /pod-a\.headless1\.default\.svc\.cluster\.local/);
    assert.match(text, /pod-b\.headless1\.default\.svc\.cluster\.local/);
  });

  test('a line that is no Service name has no kube-lookup hover', async () => {
    const editor = await openInEditor(workspaceFile('seeds/clusterip1.yaml'));
    const at = positionOf(editor.document, 'kubetm/app');
    const text = markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
    assert.doesNotMatch(text, /svc\.cluster\.local/);
  });
});
