import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzzParameters, longRun } from './budget';
import { analyse, loadModel } from './harness';

/**
 * Files inside every documented limit but hostile in size: large mappings with anchors, aliases,
 * tags and duplicate keys; very long names and label values one letter off each other; workloads
 * asking for any number of replicas. What found issue 17's hangs and out-of-memory aborts.
 */
interface Shape {
  readonly keys: number;
  readonly tagAt: number | undefined;
  readonly aliases: number;
  readonly duplicate: 'none' | 'plain' | 'after-empty';
  readonly nameLength: number;
  readonly replicas: readonly { readonly kind: string; readonly count: number }[];
}

const shape: fc.Arbitrary<Shape> = fc.record({
  keys: fc.integer({ min: 1, max: 6_000 }),
  tagAt: fc.option(fc.nat({ max: 6_000 }), { nil: undefined }),
  aliases: fc.constantFrom(0, 1, 100, 101, 400),
  duplicate: fc.constantFrom('none' as const, 'plain' as const, 'after-empty' as const),
  nameLength: fc.constantFrom(1, 63, 253, 254, 5_000, 60_000),
  replicas: fc.array(fc.record({
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'ReplicaSet', 'Job'),
    count: fc.constantFrom(-5, 0, 1, 2.5, 999, 1_000, 1_001, 100_000, 1e12),
  }), { maxLength: 40 }),
});

function mapping({ keys, tagAt, aliases, duplicate }: Shape): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: big}', 'data:'];
  for (let index = 0; index < keys; index++) {
    const anchored = index < aliases ? `&a${index} ` : '';
    const tagged = index === tagAt ? '!!str ' : '';
    lines.push(`  key${index}: ${tagged}${anchored}${duplicate === 'after-empty' && index === keys - 1 ? '' : `value${index}`}`);
  }
  for (let index = 0; index < Math.min(aliases, keys); index++) lines.push(`  alias${index}: *a${index}`);
  if (duplicate !== 'none') lines.push(`  key${keys - 1}: again`);
  return lines.join('\n') + '\n';
}

function names({ nameLength }: Shape): string {
  const name = 'n'.repeat(nameLength);
  const typo = name.slice(1) + 'm';
  return [
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {selector: {app: ${name}}, ports: [{port: 80, targetPort: ${name}}]}`,
    `apiVersion: v1\nkind: Endpoints\nmetadata: {name: ${typo}}`,
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: ${typo}}}\nspec: {hostname: h, subdomain: ${typo}, containers: [{name: c, ports: [{name: ${typo}, containerPort: 80}]}]}`,
  ].join('\n---\n') + '\n';
}

function workloads({ replicas }: Shape): string {
  return replicas.map(({ kind, count }, index) => {
    const field = kind === 'Job' ? 'parallelism' : 'replicas';
    return `--- {apiVersion: apps/v1, kind: ${kind}, metadata: {name: w${index}}, spec: {${field}: ${count}, serviceName: w${index}, selector: {matchLabels: {app: w${index}}}, template: {metadata: {labels: {app: w${index}}}, spec: {containers: [{name: c}]}}}}\n`;
  }).join('');
}

/** Pods a spec count makes before the cap of 1,000 per workload: a count that is not an integer is not read, so 1. */
function podsAskedFor(count: number): number {
  return Number.isSafeInteger(count) ? Math.max(0, count) : 1;
}

describe('fuzz: hostile sizes inside the limits', () => {
  it('reads large mappings, long names and huge replica counts in time linear in their size, with one-line findings', () => {
    const parameters = fuzzParameters<[Shape]>('hostile sizes', 6);
    // each input is up to a few hundred kB: the long run tries fewer of them than of the small properties
    if (longRun) parameters.numRuns = Math.max(1, Math.ceil((parameters.numRuns ?? 1) / 50));
    fc.assert(fc.property(shape, (input) => {
      const files = { 'map.yaml': mapping(input), 'names.yaml': names(input), 'workloads.yaml': workloads(input) };
      const length = Object.values(files).reduce((sum, text) => sum + text.length, 0);
      const start = process.cpuUsage();
      const findings = analyse(files);
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      // three lints (see analyse); linear work takes a fraction of this, the quadratic paths many times it
      assert.ok(ms < 3_000 + length / 20, `${ms} ms for ${length} characters`);
      for (const finding of findings) assert.ok(!finding.message.includes('\n'), `${finding.ruleId}: a line break in "${finding.message.slice(0, 200)}"`);

      const syntax = findings.filter((finding) => finding.file === 'map.yaml').map((finding) => finding.message);
      if (input.duplicate !== 'none') assert.deepEqual(syntax, [`Duplicate key "key${input.keys - 1}": map keys must be unique, and kubectl rejects the document ("mapping key already defined").`]);
      else if (Math.min(input.aliases, input.keys) > 100) assert.deepEqual(syntax, ['More than 100 aliases in one document: not read, as a guard against alias bombs.']);
      else assert.deepEqual(syntax, []);

      assert.ok(findings.every((finding) => !finding.message.includes('did you mean') || input.nameLength <= 253), 'a name longer than Kubernetes allows got a suggestion');

      const model = loadModel(files);
      const workloadObjects = [...model.objects()].filter((object) => object.file === 'workloads.yaml');
      input.replicas.forEach(({ count }, index) => {
        const owner = workloadObjects.find((object) => object.name === `w${index}`)!;
        assert.equal(model.podsOf(owner).length, Math.min(podsAskedFor(count), 1_000), `w${index}: ${count}`);
      });
      const capped = findings.filter((finding) => finding.ruleId === 'simulated-pods-capped').length;
      assert.equal(capped, input.replicas.filter(({ count }) => podsAskedFor(count) > 1_000).length);
    }), parameters);
  });
});
