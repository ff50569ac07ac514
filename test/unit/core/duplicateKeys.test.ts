import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Composer, Parser } from 'yaml';
import { parsePlainYaml } from '../../../server/src/core/yaml/parsePlainYaml';
import { parseWithYaml } from '../../../server/src/core/yaml/parseManifestFile';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\n';

/** The first error yaml's own (quadratic) uniqueKeys check reports, as the parser used it before. */
function yamlReference(text: string): { code: string; at: number }[] {
  const docs = [...new Composer({ merge: false, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' }).compose(new Parser().parse(text))];
  return docs.map((doc) => doc.errors[0]).filter((error) => error !== undefined).map((error) => ({ code: error.code, at: error.pos[0] }));
}

function issuesOf(text: string): { message: string; line: number; key: string }[] {
  return parseWithYaml(text).issues.map((issue) => ({
    message: issue.message,
    line: text.slice(0, issue.span.start).split('\n').length,
    key: text.slice(issue.span.start, issue.span.end),
  }));
}

describe('duplicate keys (found in linear time, reported as yaml reported them)', () => {
  it('reports the second key, on its own line, with a one-line message', () => {
    // a duplicate after an empty value was reported at the newline before it, inside the message
    const text = HEAD + 'metadata:\n  name:\n  name: x\n';
    assert.deepEqual(issuesOf(text), [{
      message: 'Duplicate key "name": map keys must be unique, and kubectl rejects the document ("mapping key already defined").',
      line: 5,
      key: 'name',
    }]);
  });

  it('shows a quoted key whole, and a long or multi-line key on one short line', () => {
    assert.equal(issuesOf(HEAD + 'data:\n  "a b": 1\n  "a b": 2\n')[0].key, '"a b"');
    const long = 'k'.repeat(2000);
    const [issue] = issuesOf(HEAD + `data:\n  ? ${long}\n  : 1\n  ? ${long}\n  : 2\n`);
    assert.equal(issue.key, long);
    assert.equal(issue.message, `Duplicate key "${'k'.repeat(80)}…": map keys must be unique, and kubectl rejects the document ("mapping key already defined").`);
    const [folded] = issuesOf(HEAD + 'data:\n  ? "a\n    b"\n  : 1\n  ? "a\n    b"\n  : 2\n');
    assert.match(folded.message, /^Duplicate key "\\?"a b"/);
    assert.ok(!folded.message.includes('\n'));
  });

  it('compares keys as yaml does: by value and type, never collections, aliases or NaN', () => {
    const duplicated = (body: string): boolean => issuesOf(HEAD + body).length > 0;
    assert.equal(duplicated('data: {1: a, 0x1: b}\n'), true);
    assert.equal(duplicated('data: {1: a, "1": b}\n'), false);
    assert.equal(duplicated('data: {true: a, "true": b}\n'), false);
    assert.equal(duplicated('data: {~: a, null: b}\n'), true);
    assert.equal(duplicated('data: {.nan: a, .NaN: b}\n'), false);
    assert.equal(duplicated('data: {[a]: 1, [a]: 2}\n'), false);
    assert.equal(duplicated('x: &k a\ndata: {*k : 1, *k : 2}\n'), false);
    assert.equal(duplicated('data: [a: 1, a: 2]\n'), false);
    assert.equal(duplicated('data: {!!str a: 1, a: 2}\n'), true);
  });

  it('reports the same key as yaml uniqueKeys did, first error first, on random mappings with tags and anchors', () => {
    const key = fc.constantFrom('a', 'b', '"a"', "'b'", '!!str a', '&x a', '1', '0x1', '~', '');
    const scalar = fc.constantFrom('1', 'x', '!!str y', '&v z', '*v', '"q"', '');
    const flowMap = fc.array(fc.tuple(key, scalar), { maxLength: 4 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);
    const value = fc.oneof(scalar, flowMap);
    const blockMap = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 })
      .map((pairs) => pairs.map(([k, v]) => `  ${k}: ${v}`).join('\n'));
    fc.assert(fc.property(blockMap, fc.constantFrom('', '  !!str bad: [\n'), (body, broken) => {
      const text = HEAD + 'data:\n' + body + '\n' + broken;
      const reference = yamlReference(text);
      const issues = parseWithYaml(text).issues;
      // with no syntax error, only an alias read before its anchor is reported (when made plain)
      if (reference.length === 0) return assert.ok(issues.every((issue) => issue.message.startsWith('Unresolved alias')), text);
      assert.equal(issues.length, reference.length, text);
      const isDuplicate = issues[0].message.startsWith('Duplicate key');
      assert.equal(isDuplicate, reference[0].code === 'DUPLICATE_KEY', text);
      // yaml marked the end of the key's properties; only white space may stand between that and the key
      if (isDuplicate) assert.match(text.slice(reference[0].at, issues[0].span.start), /^\s*$/, text);
    }), { seed: 20261204, numRuns: 400 });
  });

  it('finds a duplicate among 64,000 keys of a tagged file in linear time', () => {
    // a tag sends the file to yaml, whose own duplicate check took 41 s here (quadratic)
    const keys = Array.from({ length: 64_000 }, (_, index) => `  key${index}: value${index}`).join('\n');
    const text = HEAD + 'data:\n  tagged: !!str x\n' + keys + '\n  key63999: again\n';
    const start = process.cpuUsage();
    const issues = issuesOf(text);
    const used = process.cpuUsage(start);
    assert.deepEqual(issues.map((issue) => [issue.key, issue.line]), [['key63999', 64_005]]);
    assert.ok((used.user + used.system) / 1000 < 8_000, `${(used.user + used.system) / 1000} ms`);
  });

  it('refuses a duplicate key in the configuration file, and reads 60,000 tagged keys in linear time', () => {
    assert.throws(() => parsePlainYaml('a: 1\nb: 2\na: 3\n'), (error: Error) => error.message === 'Map keys must be unique');
    const keys = Array.from({ length: 60_000 }, (_, index) => `k${index}: !!str v`).join('\n');
    const start = process.cpuUsage();
    assert.equal(Object.keys(parsePlainYaml(keys) as object).length, 60_000);
    const used = process.cpuUsage(start);
    assert.ok((used.user + used.system) / 1000 < 8_000, `${(used.user + used.system) / 1000} ms`);
  });
});
