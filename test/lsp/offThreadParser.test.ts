import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifestFile, defaultParseLimits } from '../../server/src/core/yaml/parseManifestFile';
import { OffThreadParser } from '../../server/src/lsp/offThreadParser';
import { ValueAssembler, valueParts } from '../../server/src/lsp/valueParts';
import { replicaList, taggedMapping } from './hostileTexts';

function roundTrip(value: unknown, nodesPerPart: number): { value: unknown; parts: number } {
  const assembler = new ValueAssembler();
  let parts = 0;
  for (const part of valueParts(value, nodesPerPart)) {
    assert.ok(part.parents.length <= nodesPerPart, `a part of ${part.parents.length} entries`);
    // each part goes through a structured clone, as between threads
    assembler.add(structuredClone(part));
    parts += 1;
  }
  return { value: assembler.value, parts };
}

describe('a document value cut into parts and put together again', () => {
  it('gives back the same value, whatever the part size', () => {
    const value = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: '1' } }, data: { k: 'v', n: 3, t: true, z: null, empty: {}, list: [1, [2, [3, {}]], 'x', []] } };
    for (const size of [1, 2, 3, 7, 1_000]) assert.deepEqual(roundTrip(value, size).value, value, `parts of ${size}`);
    assert.equal(roundTrip(value, 1).parts, 22);
  });

  it('sends a value that is not a container whole', () => {
    for (const value of ['text', 42, null, undefined, true]) assert.equal(roundTrip(value, 5).value, value);
    const date = new Date(0);
    assert.deepEqual(roundTrip({ when: date }, 1).value, { when: date });
  });

  it('keeps an object met twice (a YAML alias) shared, not copied', () => {
    const anchor = { port: 80, names: ['a', 'b'] };
    const { value } = roundTrip({ first: anchor, second: anchor, list: [anchor] }, 2) as { value: { first: object; second: object; list: object[] } };
    assert.deepEqual(value.first, anchor);
    assert.equal(value.first, value.second);
    assert.equal(value.first, value.list[0]);
  });

  it('keeps a `__proto__` key an own property, not the prototype', () => {
    const value = JSON.parse('{"data": {"__proto__": {"polluted": "yes"}, "k": "v"}}') as { data: Record<string, unknown> };
    const back = roundTrip(value, 2).value as { data: Record<string, unknown> };
    assert.deepEqual(Object.keys(back.data), ['__proto__', 'k']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(back.data), Object.prototype);
  });

  it('walks a document 3,000 levels deep with a stack of its own (the parse limits allow 500)', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 3_000; i++) value = i % 2 ? { k: value } : [value];
    // compared a level at a time: assert's deep comparison recurses
    let back = roundTrip(value, 500).value;
    for (let depth = 2_999; depth >= 0; depth--) {
      if (depth % 2) {
        assert.deepEqual(Object.keys(back as object), ['k'], `level ${depth}`);
        back = (back as { k: unknown }).k;
      } else {
        assert.ok(Array.isArray(back) && back.length === 1, `level ${depth}`);
        back = back[0];
      }
    }
    assert.equal(back, 'leaf');
  });
});

describe('the worker thread that parses large files', () => {
  it('answers as parseManifestFile does, for a mapping of 200,000 keys and a List of 28,000 items, each sent in parts', async () => {
    const parser = new OffThreadParser(60_000);
    try {
      for (const text of [taggedMapping(4_900_000), replicaList(4_900_000), `${taggedMapping(100_000)}---\n${replicaList(200_000)}---\nkind: Service\n`]) {
        const expected = parseManifestFile(text, defaultParseLimits);
        const parsed = await parser.parse(text, defaultParseLimits);
        assert.deepEqual(parsed, expected);
      }
    } finally {
      parser.dispose();
    }
  });

  it('takes in a large document a part per turn of the event loop, so requests are answered between parts', async () => {
    const parser = new OffThreadParser(60_000);
    const add = ValueAssembler.prototype.add;
    // the turn each part is put in, counted by a loop that takes a turn whenever it can
    let turn = 0;
    const partTurns: number[] = [];
    ValueAssembler.prototype.add = function (this: ValueAssembler, part) {
      partTurns.push(turn);
      add.call(this, part);
    };
    try {
      let done = false;
      const ticking = (async () => {
        while (!done) {
          await new Promise((resolve) => setImmediate(resolve));
          turn += 1;
        }
      })();
      const parsed = await parser.parse(taggedMapping(4_900_000), defaultParseLimits);
      done = true;
      await ticking;
      assert.equal(Object.keys((parsed.documents[0].value as { data: object }).data).length, 189_710);
      // 189,710 keys and the rest of the ConfigMap: 19 parts, no two in one turn (sent whole, it held the server's thread 110 ms)
      assert.equal(partTurns.length, 19);
      assert.equal(new Set(partTurns).size, partTurns.length, `turns ${partTurns.join(' ')}`);
    } finally {
      ValueAssembler.prototype.add = add;
      parser.dispose();
    }
  });
});
