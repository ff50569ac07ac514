import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

function sourceFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

describe('architecture', () => {
  const core = path.join(repoRoot, 'server', 'src', 'core');

  it('keeps the core pure: only yaml, zod and itself, no editor, LSP or I/O module', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(core)) {
      for (const specifier of importsOf(file)) {
        const allowed = specifier.startsWith('.') || specifier === 'yaml' || specifier === 'zod';
        if (!allowed) offenders.push(`${path.relative(repoRoot, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('keeps every import of the yaml package inside core/yaml', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'server', 'src'))
      .filter((file) => !file.startsWith(path.join(core, 'yaml') + path.sep))
      .filter((file) => importsOf(file).includes('yaml'))
      .map((file) => path.relative(repoRoot, file));
    assert.deepEqual(offenders, []);
  });

  it('finds the core files it checks (the scan is not vacuous)', () => {
    assert.ok(sourceFiles(core).length > 10);
    assert.ok(importsOf(path.join(core, 'yaml', 'parseManifestFile.ts')).includes('yaml'));
  });
});
