import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, fixturesRoot } from '../helpers/paths';

/**
 * Reduced copies of how real repositories are laid out (per-provider bundles, Kustomize bases and
 * overlays, a chart beside a plain install, …), linted whole as a user would. A line that must be
 * flagged carries `# expect: <rule-id> "<flagged text>"`; every finding at warning or error must be
 * one of them, and every marked one must be found (at any severity).
 */
const EXPECT = /# expect: ([a-z0-9-]+) "([^"]*)"/g;
const root = path.join(fixturesRoot, 'repositories');

interface JsonFinding { ruleId: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number }

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function expectations(folder: string): string[] {
  const expected: string[] = [];
  for (const file of filesUnder(folder)) {
    const relative = path.relative(folder, file);
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      for (const match of line.matchAll(EXPECT)) expected.push(`${relative}:${index + 1} ${match[1]} "${match[2]}"`);
    });
  }
  return expected.sort();
}

function describeFinding(folder: string, finding: JsonFinding): string {
  const lines = fs.readFileSync(path.join(folder, finding.file), 'utf8').split('\n');
  const text = finding.line === finding.endLine ? lines[finding.line - 1].slice(finding.column - 1, finding.endColumn - 1) : '…';
  return `${finding.file}:${finding.line} ${finding.ruleId} "${text}"`;
}

for (const shape of fs.readdirSync(root).sort()) {
  const folder = path.join(root, shape);
  describe(`repository shaped like ${shape}`, () => {
    it('reports the planted mistakes at their lines and nothing else at warning or error', () => {
      const result = spawnSync(process.execPath, [cliPath, 'lint', '.', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
      const expected = expectations(folder);
      const serious = findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map((finding) => describeFinding(folder, finding)).sort();
      const all = new Set(findings.map((finding) => describeFinding(folder, finding)));
      assert.deepEqual(serious.filter((found) => !expected.includes(found)), [], 'findings at warning or error that no marker expects');
      assert.deepEqual(expected.filter((marked) => !all.has(marked)), [], 'marked mistakes not found');
    });
  });
}
