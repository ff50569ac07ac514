import type { Message, MessageStrategy } from 'vscode-languageserver/node';

/** How often the client's process is looked for, as vscode-languageserver does. */
const WATCH_EVERY_MS = 3000;

/**
 * Watches the client process the initialize request names, and only when this server can see it.
 * vscode-languageserver's own watchdog exits 3 s after start whenever `process.kill(pid, 0)` fails,
 * which it always does when the server runs in a container or another PID namespace
 * (`docker run -i`); such a server then serves as long as its input stays open. So the request
 * reaches the library without the pid, and the watch lives here.
 */
export function clientProcessWatch(exit: (code: number) => void = (code) => process.exit(code), log: (message: string) => void = (message) => void process.stderr.write(`${message}\n`)): MessageStrategy {
  let shutdown = false;
  return {
    handleMessage(message: Message, next: (message: Message) => void): void {
      const request = message as Message & { method?: string; params?: { processId?: unknown } };
      if (request.method === 'shutdown') shutdown = true;
      if (request.method === 'initialize' && typeof request.params?.processId === 'number') {
        const pid = request.params.processId;
        request.params.processId = null;
        if (processVisible(pid)) {
          const timer = setInterval(() => {
            if (!processVisible(pid)) exit(shutdown ? 0 : 1);
          }, WATCH_EVERY_MS);
          timer.unref();
        } else {
          log(`kube-lookup: the client's process ${pid} is not visible from here; serving while the input stays open.`);
        }
      }
      next(message);
    },
  };
}

/** True when a process of that id exists, even one this user may not signal. */
export function processVisible(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
