import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { codeServerBin, node24Dir } from './paths';
import { killGroupOnExit, killProcessGroup } from './processGroup';
import type { RunFolder } from './runFolder';

export interface CodeServer {
  readonly origin: string;
  readonly port: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** The environment that keeps code-server, its extension host and our server inside the run folder. */
function environment(run: RunFolder, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // the code-server launcher is `#!/usr/bin/env node`, and 4.139 needs Node 24
    PATH: `${path.join(node24Dir, 'bin')}${path.delimiter}${process.env['PATH'] ?? ''}`,
    TMPDIR: run.tmp,
    XDG_CONFIG_HOME: run.xdg.config,
    XDG_DATA_HOME: run.xdg.data,
    XDG_CACHE_HOME: run.xdg.cache,
    XDG_STATE_HOME: run.xdg.state,
    // the marketplace would be open-vsx: point it at a closed loopback port instead
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    ...extra,
  };
}

function folderArgs(run: RunFolder): string[] {
  return ['--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir];
}

export function installExtension(run: RunFolder, vsix: string): string {
  const result = spawnSync(codeServerBin, [...folderArgs(run), '--install-extension', vsix], {
    env: environment(run, {}),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed:\n${result.stdout}${result.stderr}`);
  const listed = spawnSync(codeServerBin, [...folderArgs(run), '--list-extensions', '--show-versions'], {
    env: environment(run, {}),
    encoding: 'utf8',
  });
  return listed.stdout.trim();
}

/** A port the kernel just handed out on 127.0.0.1. */
async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartOptions {
  /** Flags passed through to the VS Code server (`--vscode-option flag`). */
  readonly vscodeOptions?: readonly string[];
  /** Extra environment for code-server and so for the extension host. */
  readonly env?: Record<string, string>;
}

export async function startCodeServer(run: RunFolder, options: StartOptions = {}): Promise<CodeServer> {
  const port = await freeLoopbackPort();
  const logFile = path.join(run.root, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const args = [
    ...folderArgs(run),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    ...(options.vscodeOptions ?? []).flatMap((option) => ['--vscode-option', option]),
  ];
  // its own process group, so one kill stops the server, the extension host and the language server
  const child = spawn(codeServerBin, args, {
    env: environment(run, options.env ?? {}),
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  killGroupOnExit(child);
  const stop = () => killProcessGroup(child);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { origin, port, logFile, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`code-server did not become healthy; see ${logFile}`);
}
