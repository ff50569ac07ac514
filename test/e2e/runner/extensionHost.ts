/**
 * Runs the mocha suite (out/test/e2e/suite/index.js) inside code-server's Node extension host, with
 * this repository as the extension under development and a copy of examples/ as the workspace.
 *
 * code-server takes `extensionDevelopmentPath` and `extensionTestsPath` from the workbench URL's
 * `payload`, and only when started with `enable-smoke-test-driver`. The extension host's console
 * reaches the page as `window.codeAutomationLog(level, args)`; its exit code as
 * `window.codeAutomationExit(code)`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, recordForeignRequests } from './browser';
import { startCodeServer } from './codeServer';
import { repoRoot, suiteEntry } from './paths';
import { prepareRunFolder } from './runFolder';
import { stopwatch, summaryLine, type SuiteResults } from './summary';

const TIMEOUT_MS = 240_000;

/** Workbench chatter that is not the suite's: connection set-up, gallery lookups on the closed port, shutdown. */
const NOISE =
  /127\.0\.0\.1:9\b|gallery|\/static\/out\/vs\/|Canceled|^(Resolv(ing|ed) connection token|Creating a socket|Updating additional builtin|\[(reconnection-grace-time|Service Worker|AgentHost|AccountPolicyGate)[\]:])/;

async function main(): Promise<number> {
  const elapsed = stopwatch();
  const run = prepareRunFolder('extension-host');
  const resultsFile = path.join(run.root, 'results.json');
  const server = await startCodeServer(run, {
    vscodeOptions: ['enable-smoke-test-driver'],
    env: { KUBE_LOOKUP_E2E_RESULTS: resultsFile },
  });
  console.log(`[${elapsed()}] code-server on ${server.origin}`);
  let exitCode: number | 'timeout' = 'timeout';
  const browser = await launchBrowser(run).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const foreign = recordForeignRequests(browser);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const line = typeof args[0] === 'string' ? format(...(args as [string, ...unknown[]])) : args.map(String).join(' ');
      if (!NOISE.test(line)) console.log(line.replace(/\n$/, ''));
    });
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    const remote = `vscode-remote://127.0.0.1:${server.port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `${remote}${repoRoot}`],
      ['extensionTestsPath', `${remote}${suiteEntry}`],
    ]);
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(payload)}`);
    console.log(`[${elapsed()}] workbench requested; waiting for the extension host to finish the suite`);
    let timer: NodeJS.Timeout | undefined;
    exitCode = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (exitCode !== 0) await page.screenshot({ path: path.join(run.screenshots, 'failure.png') }).catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  console.log(`[${elapsed()}] extension host exited: ${exitCode}`);

  let results: SuiteResults = { passed: [], failed: [] };
  if (fs.existsSync(resultsFile)) results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  let failed = results.failed.length;
  // a crash, a timeout or a suite that never reported is a failure even with no failing test
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    console.log(`extension host did not finish cleanly (${exitCode}); logs: ${run.userDataDir}/logs, ${server.logFile}`);
  }
  if (results.passed.length === 0 && failed === 0) failed = 1;
  if (foreign.length > 0) {
    failed++;
    console.log(`requests left this machine: ${[...new Set(foreign)].join(', ')}`);
  }
  console.log(summaryLine('extension host', results.passed.length, failed));
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(summaryLine('extension host', 0, 1));
    process.exit(1);
  },
);
