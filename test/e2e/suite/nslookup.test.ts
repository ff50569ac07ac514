import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, type KubeLookupApi, diagnosticsWhen, markdownOf, openInEditor, positionOf, workspaceFile } from './editor';

suite('the nslookup request', () => {
  let api: KubeLookupApi;
  suiteSetup(async () => {
    api = await activateExtension();
    await diagnosticsWhen(workspaceFile('broken/endpoints-name-typo/database.yaml'), (list) => list.length > 0, 'the analysis');
  });

  test('a short Service name from request-pod resolves through the first search domain', async () => {
    const uri = workspaceFile('seeds/request-pod.yaml').toString();
    const result = await api.simulateNslookup({ uri, name: 'clusterip1', type: 'A', from: { namespace: 'default', pod: 'request-pod' } });
    assert.ok(result);
    assert.equal(result.from, 'default/request-pod');
    assert.equal(result.rcode, 'NOERROR');
    assert.deepEqual(result.tried, [{ name: 'clusterip1.default.svc.cluster.local.', rcode: 'NOERROR' }]);
    assert.equal(result.answers.length, 1);
    const [answer] = result.answers;
    assert.equal(answer!.name, 'clusterip1.default.svc.cluster.local.');
    assert.equal(answer!.type, 'A');
    assert.equal(result.upstream, false);
    assert.match(result.transcript, /^Name:\tclusterip1\.default\.svc\.cluster\.local$/m);
    assert.ok(result.transcript.includes(`Address: ${answer!.data}`), result.transcript);

    // the editor agrees with itself: the Service's hover shows the address nslookup answered
    const editor = await openInEditor(workspaceFile('seeds/clusterip1.yaml'));
    const at = positionOf(editor.document, 'clusterip1', 'name: ');
    const hover = markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
    assert.ok(hover.includes(answer!.data), `the hover does not show ${answer!.data}:\n${hover}`);
  });

  test('an unknown name walks the whole search list and ends upstream', async () => {
    const uri = workspaceFile('seeds/request-pod.yaml').toString();
    const result = await api.simulateNslookup({ uri, name: 'nosuch', type: 'A', from: { namespace: 'default', pod: 'request-pod' } });
    assert.ok(result);
    assert.deepEqual(
      result.tried.map((entry) => entry.name),
      ['nosuch.default.svc.cluster.local.', 'nosuch.svc.cluster.local.', 'nosuch.cluster.local.', 'nosuch.'],
    );
    assert.deepEqual(result.tried.slice(0, 3).map((entry) => entry.rcode), ['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN']);
    assert.equal(result.upstream, true);
    assert.deepEqual(result.answers, []);
  });
});
