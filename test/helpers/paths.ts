import * as path from 'node:path';

/** The repository root, found from the compiled test's location (out/test/<folder>/...). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturesRoot = path.join(repoRoot, 'test', 'fixtures');
export const cliPath = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'main.js');
