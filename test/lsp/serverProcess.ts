import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { repoRoot } from '../helpers/paths';
import { uriOf } from './lspHarness';

const serverPath = path.join(repoRoot, 'out', 'server', 'src', 'main.js');

/**
 * The language server as its own process over stdio, as an editor starts it, on one workspace
 * folder: the client's clock runs whatever the server does, so waits are measured as a user sees them.
 */
export class ServerProcess {
  readonly client: ProtocolConnection;
  /** Diagnostics last published, per URI. */
  readonly published = new Map<string, number>();
  private readonly child: ChildProcess;
  private readonly statuses: StatusParams[] = [];
  private wake = (): void => undefined;

  constructor() {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.client = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      this.statuses.push(status);
      this.wake();
    });
    this.client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
      this.published.set(params.uri, params.diagnostics.length);
      this.wake();
    });
    this.client.onNotification('window/logMessage', () => undefined);
    this.client.listen();
  }

  /** Starts the server on the folder and waits until it has read it. */
  async initialize(folder: string): Promise<void> {
    const since = this.mark();
    await this.client.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: [{ uri: uriOf(folder), name: path.basename(folder) }], capabilities: {} });
    await this.client.sendNotification('initialized', {});
    await this.analysed(since);
  }

  /** Where the statuses stand now, for `analysed`. */
  mark(): number {
    return this.statuses.length;
  }

  /** Resolves once the server has gone busy after `since` statuses and is idle again. */
  analysed(since: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        const after = this.statuses.slice(since);
        if (after.some((status) => status.indexing) && !after[after.length - 1].indexing) resolve();
      };
      this.wake = check;
      check();
    });
  }

  /** The server's peak resident memory in MB, where Linux tells it. */
  peakMemoryMb(): number | undefined {
    const status = `/proc/${this.child.pid}/status`;
    const peak = /VmHWM:\s*(\d+) kB/.exec(fs.existsSync(status) ? fs.readFileSync(status, 'utf8') : '');
    return peak ? Math.round(Number(peak[1]) / 1024) : undefined;
  }

  async shutdown(): Promise<void> {
    await this.client.sendRequest('shutdown');
    await this.client.sendNotification('exit');
  }

  dispose(): void {
    this.client.dispose();
    this.child.kill();
  }
}
