import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { extractObjects } from '../../../server/src/core/model/extractObjects';
import { plainShapes, readLabelSelectorPlain, readPodSpecPlain, readPodStatusPlain, readPodTemplatePlain, readReplicaSpecPlain, readServiceSpecPlain } from '../../../server/src/core/model/schemas/plainReaders';
import { containerPortSchema, containerSchema, podDnsConfigSchema, podSpecSchema, podTemplateSchema, volumeSchema } from '../../../server/src/core/model/schemas/podSpec';
import { servicePortSchema, serviceSpecSchema } from '../../../server/src/core/model/schemas/service';
import { labelSelectorSchema, podStatusSchema, replicaSpecSchema } from '../../../server/src/core/model/schemas/workload';
import { parseManifestFile } from '../../../server/src/core/yaml/parseManifestFile';
import { fixturesRoot, repoRoot } from '../../helpers/paths';

function zodRead(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const TWINS: [string, z.ZodType, (value: unknown) => unknown][] = [
  ['serviceSpec', serviceSpecSchema, readServiceSpecPlain],
  ['podSpec', podSpecSchema, readPodSpecPlain],
  ['podTemplate', podTemplateSchema, readPodTemplatePlain],
  ['replicaSpec', replicaSpecSchema, readReplicaSpecPlain],
  ['labelSelector', labelSelectorSchema, readLabelSelectorPlain],
  ['podStatus', podStatusSchema, readPodStatusPlain],
];

function manifestValues(folder: string): Record<string, unknown>[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return manifestValues(full);
    if (!/\.(ya?ml|json)$/.test(entry.name)) return [];
    return extractObjects(full, parseManifestFile(fs.readFileSync(full, 'utf8')).documents).flatMap((object) => (object.body ? [object.body] : []));
  });
}

/** Values of every type a field could wrongly hold. */
const ODD_VALUES: unknown[] = [null, undefined, 0, -0, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', '80', true, false, [], ['a'], [1, 'a'], {}, { a: 1 }, { constructor: 'x' }, [{ port: 'x' }, 7, null, { name: 1 }]];

/** Replaces one field somewhere in the value with an odd one, deterministically. */
function mutate(value: unknown, next: () => number): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || next() < 0.2) return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
    const copy = [...value];
    const at = Math.floor(next() * copy.length);
    copy[at] = mutate(copy[at], next);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0 || next() < 0.2) return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
    const key = keys[Math.floor(next() * keys.length)];
    return { ...value, [key]: mutate((value as Record<string, unknown>)[key], next) };
  }
  return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
}

describe('plain readers: the same result as the zod schemas they stand in for', () => {
  it('have the same fields as the zod schemas, object by object', () => {
    const shapes: [string, z.ZodObject][] = [
      ['serviceSpec', serviceSpecSchema], ['servicePort', servicePortSchema], ['podSpec', podSpecSchema], ['container', containerSchema],
      ['containerPort', containerPortSchema], ['podDnsConfig', podDnsConfigSchema], ['podTemplate', podTemplateSchema], ['volume', volumeSchema],
      ['replicaSpec', replicaSpecSchema], ['labelSelector', labelSelectorSchema], ['podStatus', podStatusSchema],
    ];
    for (const [name, schema] of shapes) assert.deepEqual([...plainShapes[name]].sort(), Object.keys(schema.shape).sort(), name);
  });

  it('read the specs and templates of the fixtures, examples and corpus, and thousands of mutants, exactly as zod does', () => {
    const bodies = [...manifestValues(fixturesRoot), ...manifestValues(path.join(repoRoot, 'examples')), ...manifestValues('/work/shared/corpus')];
    const specs = bodies.map((body) => body.spec);
    const templates = bodies.map((body) => (body.spec as { template?: unknown } | undefined)?.template).filter((template) => template !== undefined);
    const selectors = bodies.map((body) => (body.spec as { selector?: unknown } | undefined)?.selector).filter((selector) => selector !== undefined);
    const statuses = bodies.map((body) => body.status).filter((status) => status !== undefined);
    assert.ok(specs.length > 10 && templates.length > 3);
    let state = 99;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const inputs = [...specs, ...templates, ...ODD_VALUES,
      { ports: [{ port: 'x' }, 7, null, { name: 1, port: 80 }], selector: { a: 1, b: [2], c: null } },
      { containers: [7, { ports: [null, { containerPort: 1.5 }, { containerPort: 80, name: 'http' }] }], dnsConfig: { options: [1, { name: 'ndots' }] } },
      { metadata: { labels: [] }, spec: { initContainers: [{ restartPolicy: 'Always', ports: [{}] }, 'x'] } },
      { replicas: 2.5, ordinals: { start: '1' }, jobTemplate: { spec: { parallelism: 3, completions: null, suspend: 'yes' } }, serviceName: 7 },
      { matchLabels: { a: 1 }, matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 1] }, 3, { values: [] }] },
      { podIP: '10.0.0.1', podIPs: [{ ip: 1 }, 'x', { ip: '10.0.0.2' }], conditions: [{ type: 'Ready', status: true }, null], phase: 3 },
      ...selectors, ...statuses];
    const seeds = inputs.length;
    for (let round = 0; round < 6000; round++) inputs.push(mutate(inputs[round % seeds], next));
    for (const input of inputs) {
      for (const [name, schema, plain] of TWINS) assert.deepStrictEqual(plain(input), zodRead(schema, input), `${name} of ${JSON.stringify(input)}`);
    }
  });
});
