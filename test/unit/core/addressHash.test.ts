import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hash } from '../../../server/src/core/model/ipAllocator';

/** FNV-1a over UTF-16 code units in 64-bit bigint arithmetic, the top 52 bits: the definition the allocator's addresses were made with. */
function reference(key: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let index = 0; index < key.length; index++) {
    h ^= BigInt(key.charCodeAt(index));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h >> 12n;
}

it('hashes allocation keys as 64-bit FNV-1a does, worked on 16-bit limbs (addresses stay what they were)', () => {
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = ['', 'a', 'default/web', 'ns-3/pod-17', 'default/web-0', '\uffff\u0000\ud83d\ude00', 'x'.repeat(10_000)];
  for (let i = 0; i < 2_000; i++) keys.push(Array.from({ length: Math.floor(random() * 60) }, () => String.fromCharCode(Math.floor(random() * (random() < 0.8 ? 128 : 65536)))).join(''));
  for (const key of keys) assert.equal(hash(key), reference(key), JSON.stringify(key.slice(0, 40)));
  // a known value: FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c
  assert.equal(hash('a'), 0xaf63dc4c8601ec8cn >> 12n);
});
