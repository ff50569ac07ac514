/**
 * The entry VS Code's test runner loads into the extension host (`extensionTestsPath`): runs every
 * `*.test.js` next to this file with mocha's `tdd` interface. Used by code-server (npm run
 * test:e2e) and by @vscode/test-electron (npm run test:electron) alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env['KUBE_LOOKUP_E2E_GREP'];
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env['KUBE_LOOKUP_E2E_RESULTS'];
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => passed.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => failed.push({ title: test.fullTitle(), error: String(error?.stack ?? error) }));
  });
}
