import { spawn } from 'node:child_process';
import type { RenderLimits } from './runKustomize';

/** How a run ended: on its own, killed at a limit, or never started (the message says why). */
export type Outcome = 'exited' | 'timeout' | 'tooLarge' | `cannot run ${string}`;

export interface LimitedRun {
  readonly outcome: Outcome;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program (no shell) as a child process without blocking the event loop: killed at the time
 * limit or once its output passes the size limit; of its stderr only the first megabyte is kept,
 * for the error message.
 */
export function runWithLimits(command: string, args: readonly string[], env: NodeJS.ProcessEnv, limits: RenderLimits): Promise<LimitedRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let outcome: Outcome = 'exited';
    const stop = (why: Outcome): void => {
      if (outcome !== 'exited') return;
      outcome = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxOutputBytes) stop('tooLarge');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < 1_000_000) err.push(chunk);
      errBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ outcome: `cannot run ${command} (${error.code ?? error.message})`, status: null, stdout: '', stderr: '' });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ outcome, status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
