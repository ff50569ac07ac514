/**
 * The same extension-host suite in desktop VS Code (Electron), for a machine that can download VS
 * Code: `npm run test:electron`. @vscode/test-electron fetches a VS Code build on first use, so this
 * does not run in CI here (code-server stands in for it: npm run test:e2e).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, suiteEntry } from '../runner/paths';
import { prepareRunFolder } from '../runner/runFolder';
import { summaryLine, type SuiteResults } from '../runner/summary';

async function main(): Promise<number> {
  const run = prepareRunFolder('electron');
  const resultsFile = path.join(run.root, 'results.json');
  let exitCode = 1;
  try {
    exitCode = await runTests({
      version: process.env['KUBE_LOOKUP_VSCODE_VERSION'] ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      extensionTestsEnv: { KUBE_LOOKUP_E2E_RESULTS: resultsFile },
      launchArgs: [
        run.workspace,
        '--user-data-dir', run.userDataDir,
        '--extensions-dir', run.extensionsDir,
        '--disable-workspace-trust',
        '--disable-extensions',
      ],
    });
  } catch (error) {
    console.error(error);
  }
  const results: SuiteResults = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults)
    : { passed: [], failed: [] };
  const failed = results.failed.length || (exitCode === 0 && results.passed.length > 0 ? 0 : 1);
  console.log(summaryLine('electron', results.passed.length, failed));
  return failed === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
