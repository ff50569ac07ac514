import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

function sources(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const server = path.join(repoRoot, 'server', 'src');
const relative = (file: string): string => path.relative(repoRoot, file).split(path.sep).join('/');

describe('editor layers', () => {
  it('keeps the connection in server/src/lsp (and the entry point): the service answers without one', () => {
    const offenders = sources(server)
      .filter((file) => !file.startsWith(path.join(server, 'lsp') + path.sep) && file !== path.join(server, 'main.ts'))
      .filter((file) => /from 'vscode-languageserver\/node'|\bConnection\b|createConnection/.test(fs.readFileSync(file, 'utf8')))
      .map(relative);
    assert.deepEqual(offenders, []);
  });

  it('converts between offsets and LSP positions in service/positions.ts only', () => {
    const offenders = sources(server)
      .filter((file) => /\.(positionAt|offsetAt)\(/.test(fs.readFileSync(file, 'utf8')))
      .map(relative);
    assert.deepEqual(offenders, ['server/src/service/positions.ts']);
  });

  it('keeps protocol.ts import-free, so the client shares it without the server', () => {
    assert.doesNotMatch(fs.readFileSync(path.join(server, 'protocol.ts'), 'utf8'), /^\s*import\s/m);
  });
});
