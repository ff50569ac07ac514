import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCorefile, type CorefileDirective } from '../../../server/src/core/corefile/parseCorefile';

/** `name args… @line` per directive, nested blocks indented. */
function outline(directives: readonly CorefileDirective[], indent = ''): string[] {
  return directives.flatMap((directive) => [`${indent}${[directive.name, ...directive.args].join(' ')} @${directive.line}${directive.importedAt ? ` (import @${directive.importedAt})` : ''}`, ...outline(directive.block, `${indent}  `)]);
}

describe('Corefile syntax', () => {
  it('reads kubeadm\'s Corefile: one server block, nested plugin blocks, lines kept', () => {
    const parsed = parseCorefile([
      '.:53 {',
      '    errors',
      '    health {',
      '       lameduck 5s',
      '    }',
      '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
      '       pods insecure',
      '       fallthrough in-addr.arpa ip6.arpa',
      '       ttl 30',
      '    }',
      '    forward . /etc/resolv.conf {',
      '       max_concurrent 1000',
      '    }',
      '}',
    ].join('\n'));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.blocks.map((block) => [block.keys, block.line]), [[['.:53'], 1]]);
    assert.deepEqual(outline(parsed.blocks[0].directives), [
      'errors @2', 'health @3', '  lameduck 5s @4',
      'kubernetes cluster.local in-addr.arpa ip6.arpa @6', '  pods insecure @7', '  fallthrough in-addr.arpa ip6.arpa @8', '  ttl 30 @9',
      'forward . /etc/resolv.conf @11', '  max_concurrent 1000 @12',
    ]);
  });

  it('several blocks and keys, comments, quoted tokens, braces inside a line, CRLF', () => {
    const parsed = parseCorefile('# header\r\nexample.org example.net:53, corp.example {\r\n  hosts { 10.0.0.1 a.example.org } # inline block\r\n  log "{remote} {name}"\r\n}\r\ncorp2.example:53 {\r\n  forward . 10.0.0.53\r\n}\r\n');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.blocks.map((block) => block.keys), [['example.org', 'example.net:53', 'corp.example'], ['corp2.example:53']]);
    assert.deepEqual(outline(parsed.blocks[0].directives), ['hosts @3', '  10.0.0.1 a.example.org @3', 'log {remote} {name} @4']);
    assert.deepEqual(outline(parsed.blocks[1].directives), ['forward . 10.0.0.53 @7']);
  });

  it('snippets are imported where `import` stands, each directive with its snippet line and the import line', () => {
    const parsed = parseCorefile(['(common) {', '  errors', '  cache 30', '}', '.:53 {', '  import common', '  whoami', '}'].join('\n'));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.blocks.length, 1);
    assert.deepEqual(outline(parsed.blocks[0].directives), ['errors @2 (import @6)', 'cache 30 @3 (import @6)', 'whoami @7']);
  });

  it('a snippet importing itself stops with an error, not a hang', () => {
    const parsed = parseCorefile(['(loop) {', '  import loop', '}', '.:53 {', '  import loop', '}'].join('\n'));
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0].message, /imports nest or repeat/);
  });

  it('snippets importing snippets many times over stop at a budget, quickly', () => {
    const levels = ['(s0) {', '  errors', '}'];
    for (let level = 1; level <= 9; level++) levels.push(`(s${level}) {`, ...Array.from({ length: 10 }, () => `  import s${level - 1}`), '}');
    const started = Date.now();
    const parsed = parseCorefile([...levels, '.:53 {', '  import s9', '}'].join('\n'));
    assert.match(parsed.errors[0]?.message ?? '', /more than 100000 directives/);
    assert.ok(Date.now() - started < 2000);
  });

  it('environment placeholders are listed with their lines, and kept as written', () => {
    const parsed = parseCorefile(['.:53 {', '  forward . {$UPSTREAM}', '  kubernetes {%ZONE%}', '}'].join('\n'));
    assert.deepEqual(parsed.placeholders.map((entry) => entry.line), [2, 3]);
    assert.deepEqual(outline(parsed.blocks[0].directives), ['forward . {$UPSTREAM} @2', 'kubernetes {%ZONE%} @3']);
  });

  it('a block never closed, a stray brace, an unclosed quote: one error with its line, no exception', () => {
    assert.deepEqual(parseCorefile('.:53 {\n  kubernetes cluster.local {\n    pods insecure\n}\n').errors, [{ line: 1, message: 'this block is never closed: a "}" is missing' }]);
    assert.equal(parseCorefile('{\n}\n').errors[0].line, 1);
    assert.deepEqual(parseCorefile('.:53 {\n  log "open\n}\n').errors, [{ line: 2, message: 'a quoted token is never closed' }]);
  });

  it('one server block without braces is the rest of the file', () => {
    const parsed = parseCorefile('.\nwhoami\nlog\n');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(outline(parsed.blocks[0].directives), ['whoami @2', 'log @3']);
  });
});
