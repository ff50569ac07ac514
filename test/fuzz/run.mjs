#!/usr/bin/env node
// The long fuzzing run: `npm run fuzz -- --runs 20000 [--seed 42]`. It runs the same properties as
// `npm test` (out/test/fuzz) with more inputs each, then prints how many inputs were tried in all.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : (process.env[`FUZZ_${name.toUpperCase()}`] ?? fallback);
};
const runs = option('runs', '10000');
const seed = option('seed', String(Date.now() % 2 ** 31));
const tally = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-fuzz-')), 'tally.tsv');
fs.writeFileSync(tally, '');

console.log(`fuzzing with ${runs} runs per property, seed ${seed} (replay a failure with --seed ${seed})`);
const started = Date.now();
const result = spawnSync(process.execPath, ['--test', 'out/test/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_TALLY: tally },
});
const counts = new Map();
for (const line of fs.readFileSync(tally, 'utf8').split('\n').filter(Boolean)) {
  const [property, count] = line.split('\t');
  counts.set(property, (counts.get(property) ?? 0) + Number(count));
}
const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
for (const [property, count] of counts) console.log(`  ${String(count).padStart(8)}  ${property}`);
console.log(`${total} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s, seed ${seed}: ${result.status === 0 ? 'no failure' : 'FAILURES above'}`);
process.exit(result.status ?? 1);
