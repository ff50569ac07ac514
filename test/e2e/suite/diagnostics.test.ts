import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, cliLint, describe, diagnosticsWhen, kubeLookupDiagnostics, ruleId, workspaceFile } from './editor';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

suite('diagnostics of the examples workspace', () => {
  suiteSetup(activateExtension);

  test('a closed file with a typo gets its diagnostic without being opened', async () => {
    const uri = workspaceFile('broken/endpoints-name-typo/database.yaml');
    const found = await diagnosticsWhen(uri, (list) => list.some((d) => ruleId(d) === 'endpoints-without-service'), 'the endpoints-without-service error');
    const diagnostic = found.find((d) => ruleId(d) === 'endpoints-without-service');
    assert.equal(describe(diagnostic!), 'endpoints-without-service 13:9-13:16');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /^Endpoints "databse" matches no Service in namespace "default"; did you mean Service "database"\?/);
    assert.equal(vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), false);
    // the rule id links to its page (shipped next to the running server, dist/ or out/), which
    // the extension serves in a scheme of its own and opens rendered, in an editor tab
    const code = diagnostic!.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(), 'kube-lookup-rule:/kube-lookup-rules/endpoints-without-service.md');
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(code.target));
    assert.match(markdown, /^# `endpoints-without-service`\n/);
    await vscode.commands.executeCommand('vscode.open', code.target);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom, 'the page opens in the rule documentation editor');
    assert.equal(input.viewType, 'kubeLookup.ruleDocumentation');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('each broken example is flagged with its rule at the exact range', async () => {
    const expected: Record<string, string> = {
      'broken/broken-yaml/service.yaml': 'yaml-syntax 14:9-14:14',
      'broken/helm-template/deployment.yaml': 'templated-file 5:9-5:28',
      'broken/selector-matches-other-namespace/app.yaml': 'service-selector-matches-nothing 8:3-8:11',
      'broken/selector-typo/app.yaml': 'service-selector-matches-nothing 7:3-7:11',
      'broken/subdomain-names-no-service/pod.yaml': 'subdomain-without-headless-service 21:14-21:22',
    };
    for (const [file, diagnostic] of Object.entries(expected)) {
      const found = await diagnosticsWhen(workspaceFile(file), (list) => list.length > 0, diagnostic);
      assert.deepEqual(found.map(describe), [diagnostic], file);
    }
  });

  test('the editor shows exactly what `kube-lookup lint` reports for the folder', async () => {
    const findings = cliLint();
    assert.ok(findings.length >= 7, `the CLI found only ${findings.length} findings in examples/`);
    for (const finding of findings) {
      const uri = workspaceFile(finding.file);
      const wanted = `${finding.ruleId} ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
      const found = await diagnosticsWhen(uri, (list) => list.some((d) => describe(d) === wanted), wanted);
      const diagnostic = found.find((d) => describe(d) === wanted)!;
      assert.equal(diagnostic.message, finding.message);
      assert.equal(diagnostic.severity, SEVERITY[finding.severity], `${wanted} severity`);
    }
    // and nothing more: every file the editor flags, the CLI flags the same number of times
    const editorCount = vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.fsPath.startsWith(workspaceFile('').fsPath))
      .reduce((sum, [uri]) => sum + kubeLookupDiagnostics(uri).length, 0);
    assert.equal(editorCount, findings.length);
  });
});
