import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configMapHostsOf } from '../../../server/src/core/references/configMapHosts';
import { elidedMessage } from '../../../server/src/core/rules/elidedMessage';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { goQuote } from '../../../server/src/core/rules/validation/fieldErrors';
import { utf8Length } from '../../../server/src/core/rules/validation/names';
import { longNames } from '../../lsp/hostileTexts';
import { modelOf } from '../../helpers/modelFrom';

describe('names and values of megabytes', () => {
  it('cuts a word longer than any valid name in the middle, saying how long it was, and keeps the rest of the message', () => {
    const name = `"${'a'.repeat(600_000)}b"`;
    const message = elidedMessage(`metadata.name: Invalid value: ${name}: must be no more than 253 characters`);
    // the word cut is `"aaa…ab":`, quotes and colon included
    assert.equal(message, `metadata.name: Invalid value: "${'a'.repeat(99)}…(600,004 characters)…${'a'.repeat(17)}b": must be no more than 253 characters`);
    const valid = `Service "${'a'.repeat(253)}" has no port "${'b'.repeat(63)}"`;
    assert.equal(elidedMessage(valid), valid);
  });

  it('gives every finding on 600,000-character names a message of at most a few hundred characters', () => {
    const { findings } = lintFiles(modelOf({ 'long.yaml': longNames(600_000) }));
    assert.ok(findings.length >= 6, `${findings.length} findings`);
    for (const finding of findings) {
      assert.ok(finding.message.length < 1_000, `${finding.ruleId}: ${finding.message.length} characters`);
      for (const related of finding.related) assert.ok(related.message.length < 1_000, `${finding.ruleId}, related: ${related.message.length} characters`);
    }
    assert.ok(findings.some((finding) => finding.ruleId === 'object-name-invalid' && /…\(600,00\d characters\)…/.test(finding.message) && finding.message.endsWith('must be no more than 63 characters')), findings.map((finding) => finding.message.slice(-80)).join('\n'));
  });

  it('counts UTF-8 bytes as Go does, surrogate pairs and lone surrogates included', () => {
    const pool = ['a', 'é', '€', '😀', '\ud800', '\udc00', 'z'];
    for (let n = 0; n < 2_000; n++) {
      let value = '';
      for (let i = n % 9; i > 0; i--) value += pool[(n * 7 + i * 13) % pool.length];
      assert.equal(utf8Length(value), Buffer.byteLength(value, 'utf8'), JSON.stringify(value));
    }
  });

  it('quotes as strconv.Quote does, and a megabyte name in linear time', () => {
    assert.equal(goQuote('a"b\\c\n\t\x07\x01\x7fé'), '"a\\"b\\\\c\\n\\t\\a\\x01\\x7fé"');
    const started = performance.now();
    assert.equal(goQuote('x'.repeat(5_000_000)).length, 5_000_002);
    assert.ok(performance.now() - started < 1_000);
  });

  it('reads hosts from the first 1 MiB of a ConfigMap only, what the API server takes at most', () => {
    const data: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) data[`key-${i}`] = `svc-${i}:8080`;
    const hosts = configMapHostsOf({ body: { data } } as unknown as Parameters<typeof configMapHostsOf>[0]);
    // each entry is 20 characters or so: about 50,000 of them fit in 1 MiB
    assert.ok(hosts.length > 40_000 && hosts.length < 60_000, `${hosts.length} hosts`);
    assert.deepEqual(hosts[0], { host: 'svc-0', port: 8080, written: 'svc-0:8080', scheme: undefined, path: ['data', 'key-0'], field: 'data.key-0' });
  });
});
