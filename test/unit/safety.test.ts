import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * A `RegExp(...)` call whose pattern is not written in the source: a variable, a concatenation, or a
 * template literal that interpolates anything but an UPPER_CASE module constant. Workspace text and
 * settings must never become a pattern (ReDoS, and meaning changes with escaping mistakes).
 */
export function dynamicRegExps(text: string): string[] {
  const offenders: string[] = [];
  for (const match of text.matchAll(/\bRegExp\s*\(\s*/g)) {
    const rest = text.slice(match.index + match[0].length);
    const literal = /^(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.|\$\{[A-Z][A-Z0-9_]*\}|\$(?!\{))*`)\s*[,)]/.exec(rest);
    if (!literal) offenders.push(text.slice(match.index, match.index + match[0].length + 40).split('\n')[0]);
  }
  return offenders;
}

describe('safety', () => {
  it('builds no regular expression from anything but literals and constants', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'server', 'src')).flatMap((file) => dynamicRegExps(fs.readFileSync(file, 'utf8')).map((call) => `${path.relative(repoRoot, file)}: ${call}`));
    assert.deepEqual(offenders, []);
  });

  it('recognises the dynamic patterns it forbids (the scan is not vacuous)', () => {
    assert.deepEqual(dynamicRegExps("new RegExp('^a$'); RegExp(`^${LABEL}$`, 'u'); new RegExp(\"x\")"), []);
    assert.equal(dynamicRegExps('new RegExp(pattern)').length, 1);
    assert.equal(dynamicRegExps('new RegExp(`^${source}$`)').length, 1);
    assert.equal(dynamicRegExps("new RegExp('^' + name)").length, 1);
    assert.equal(dynamicRegExps('RegExp(glob.replace(/\\*/g, ".*"))').length, 1);
  });
});
