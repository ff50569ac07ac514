import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/src/lsp/server';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { repoRoot } from '../helpers/paths';

export const uriOf = (file: string): string => pathToFileURL(file).href;

/**
 * A language server and a client in one process, talking real JSON-RPC over a pair of streams.
 * The client answers the server's configuration requests from `settings` (section → value).
 */
export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  /** `$/progress` reports, as `kind` or `kind percentage`. */
  readonly progress: string[] = [];
  /** window/showMessage texts. */
  readonly messages: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(readonly client: ProtocolConnection, readonly settings: Record<string, unknown>) {}

  static async start(folders: readonly string[], settings: Record<string, unknown> = {}, timeoutMs = 5000, options: ServerOptions = {}): Promise<LspSession> {
    const session = await LspSession.starting(folders, settings, options);
    await session.until(() => session.statuses.some((status) => !status.indexing), timeoutMs);
    return session;
  }

  /** A session whose server has just started indexing its folders. */
  static async starting(folders: readonly string[], settings: Record<string, unknown> = {}, options: ServerOptions = {}): Promise<LspSession> {
    const up = new PassThrough();
    const down = new PassThrough();
    startServer(createConnection(up, down), { packageRoot: repoRoot, ...options });
    const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const session = new LspSession(client, settings);
    client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      session.diagnostics.set(params.uri, params.diagnostics);
      session.notify();
    });
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      session.statuses.push(status);
      session.notify();
    });
    client.onNotification('window/logMessage', (params: { message: string }) => {
      session.logs.push(params.message);
    });
    client.onNotification('window/showMessage', (params: { message: string }) => {
      session.messages.push(params.message);
    });
    client.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => session.settings[item.section ?? ''] ?? null));
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onNotification('$/progress', (params: { value: { kind: string; percentage?: number } }) => {
      session.progress.push([params.value.kind, params.value.percentage].filter((part) => part !== undefined).join(' '));
      session.notify();
    });
    client.listen();
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: folders.map((folder) => ({ uri: uriOf(folder), name: folder })),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    await client.sendNotification('initialized', {});
    return session;
  }

  /** Resolves once `condition` holds, checked after every notification; rejects after a timeout. */
  until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error('timed out waiting for the server'));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  /** Diagnostics codes of a file, as `code@line:character`. */
  codes(uri: string): string[] {
    return (this.diagnostics.get(uri) ?? []).map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: uri.endsWith('.json') ? 'json' : 'yaml', version: 1, text } });
  }

  /** Replaces the text between two positions, as an editor sends a keystroke. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async save(uri: string): Promise<void> {
    await this.client.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.client.sendRequest(method, params) as Promise<R>;
  }

  async dispose(): Promise<void> {
    await this.client.sendRequest('shutdown');
    this.client.dispose();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The position of the `nth` occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, nth = 1): { line: number; character: number } {
  let index = -1;
  for (let count = 0; count < nth; count++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found ${nth} times`);
  }
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** The text of a diagnostic's message (LSP 3.18 allows markup). */
export function messageOf(diagnostic: Diagnostic | undefined): string {
  if (!diagnostic) return '';
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
