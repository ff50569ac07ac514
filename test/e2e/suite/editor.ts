/** Small helpers over the VS Code API shared by the extension-host tests. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SimulateNslookupParams, SimulateNslookupResult } from '../../../server/src/protocol';

export const EXTENSION_ID = 'kube-lookup.kube-lookup';

/** What the extension's `activate` returns (client/src/extension.ts KubeLookupApi). */
export interface KubeLookupApi {
  simulateNslookup(params: SimulateNslookupParams): Promise<SimulateNslookupResult | null>;
}

/** How long an expected editor event may take before the test fails (a bound, not a sleep). */
const EVENT_TIMEOUT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need examples/ opened as the workspace folder');
  return folder.uri;
}

export function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export async function activateExtension(): Promise<KubeLookupApi> {
  const extension = vscode.extensions.getExtension<KubeLookupApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** The diagnostics kube-lookup published for a file (other extensions' are ignored). */
export function kubeLookupDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'kube-lookup');
}

export function ruleId(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * Resolves with the file's diagnostics once `accept` holds for them: checks now, then on every
 * `onDidChangeDiagnostics` that names the file. Fails with the last diagnostics seen after a bound.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = kubeLookupDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const seen = kubeLookupDiagnostics(uri).map(describe).join('; ') || 'none';
      reject(new Error(`timed out waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; diagnostics: ${seen}`));
    }, EVENT_TIMEOUT_MS);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** `rule-id 13:9-13:16` with 1-based lines and columns, as the CLI prints positions. */
export function describe(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${ruleId(diagnostic)} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

export interface CliFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * What `kube-lookup lint --format json` reports for the workspace folder on disk: the editor must
 * show the same findings. Runs the CLI built next to this suite with the extension host's runtime
 * (Node for code-server, Electron-as-Node for desktop VS Code).
 */
export function cliLint(): CliFinding[] {
  const cli = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'cli', 'main.js');
  const root = workspaceRoot().fsPath;
  const result = spawnSync(process.execPath, [cli, 'lint', '.', '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`kube-lookup lint failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { findings: CliFinding[] }).findings;
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** The position of the first `text` after `after` in a document (both literal). */
export function positionOf(document: vscode.TextDocument, text: string, after = ''): vscode.Position {
  const source = document.getText();
  const from = source.indexOf(after);
  const at = from < 0 ? -1 : source.indexOf(text, from + after.length);
  if (at < 0) throw new Error(`"${text}" not found after "${after}" in ${document.uri.fsPath}`);
  return document.positionAt(at);
}

export function markdownOf(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
