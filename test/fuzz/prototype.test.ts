import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../server/src/core/rules/runRules';
import { fullWorkspace, pathsOf, type Path } from './fullWorkspace';
import { countInputs, longRun } from './budget';
import { assertSound, loadModel } from './harness';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** A deep copy of `root` with an own key added to the map at `path` (even `__proto__`). */
function withKeyAt(root: unknown, path: Path, key: string, value: unknown): unknown {
  const clone = JSON.parse(JSON.stringify(root)) as unknown;
  let target = clone as Record<string | number, unknown> | null;
  for (const segment of path) target = target?.[segment] as Record<string | number, unknown> | null;
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return clone;
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return clone;
}

function prototypesUntouched(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined, 'Array.prototype was polluted');
  assert.deepEqual(Object.keys(Object.prototype), []);
  assert.equal(typeof Object.prototype.toString, 'function');
  assert.equal(typeof Object.prototype.hasOwnProperty, 'function');
}

describe('hostile input: prototype keys', () => {
  it('adds prototype-like keys to every map of every object; nothing is polluted or fails', () => {
    const objects = fullWorkspace();
    const fileOf = (index: number): string => `ws/${index}.json`;
    const files = Object.fromEntries(objects.map((object, index) => [fileOf(index), JSON.stringify(object)]));
    // one model, edited one file at a time, as the editor does
    const model = loadModel(files);
    let tried = 0;
    objects.forEach((object, index) => {
      for (const path of [[], ...pathsOf(object)]) {
        for (const key of longRun ? HOSTILE_KEYS : HOSTILE_KEYS.slice(0, 2)) {
          // JSON keeps `__proto__` as an ordinary key, as YAML does
          const damaged = { ...files, [fileOf(index)]: JSON.stringify(withKeyAt(object, path, key, { polluted: 'yes', prototype: { polluted: 'yes' } })) };
          model.setFile(fileOf(index), damaged[fileOf(index)]);
          for (const service of model.services()) model.backendsOf(service);
          assertSound(damaged, lintFiles(model));
          tried += 1;
        }
      }
      model.setFile(fileOf(index), files[fileOf(index)]);
    });
    countInputs('prototype keys per map', tried);
    prototypesUntouched();
    assert.ok(tried > 300, `only ${tried} cases`);
  });

  it('treats prototype-like label keys as ordinary keys, never as inherited properties', () => {
    const files = {
      'a.yaml': [
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    constructor: web\n    toString: yes\nspec:\n  containers: [{name: c}]',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: matches\nspec:\n  selector:\n    constructor: web\n  ports: [{port: 80}]',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: inherited\nspec:\n  selector:\n    hasOwnProperty: x\n  ports: [{port: 80}]',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: proto\nspec:\n  selector:\n    __proto__: {app: web}\n    valueOf: x\n  ports: [{port: 80}]',
      ].join('\n---\n'),
    };
    const model = loadModel(files);
    assert.equal(model.service('default', 'matches')!.selector!.constructor, 'web');
    assert.equal(model.backendsOf(model.service('default', 'matches')!).endpoints.length, 1);
    const flagged = lintFiles(model).findings.map((finding) => `${finding.ruleId} ${finding.message}`);
    assert.deepEqual(flagged, [
      'service-selector-matches-nothing selector hasOwnProperty=x matches no Pod in namespace "default", so Service "inherited" has no endpoints.',
      'service-selector-matches-nothing selector valueOf=x matches no Pod in namespace "default", so Service "proto" has no endpoints.',
    ]);
    prototypesUntouched();
  });
});
