import * as fs from 'node:fs';
import type { Parameters } from 'fast-check';

/**
 * The fuzzing budget. `npm test` runs every property with a fixed seed and a small number of runs,
 * so CI is reproducible and quick; `npm run fuzz -- --runs N [--seed S]` (or FUZZ_RUNS / FUZZ_SEED)
 * runs the same properties longer. A failure prints its seed and path, which replay it exactly.
 */
export const FUZZ_SEED = integerFromEnv('FUZZ_SEED') ?? 20261121;
const FUZZ_RUNS = integerFromEnv('FUZZ_RUNS');

/** True under `npm run fuzz`: tests may then widen exhaustive loops too. */
export const longRun = FUZZ_RUNS !== undefined;

export function fuzzParameters<T>(property: string, ciRuns: number): Parameters<T> {
  const numRuns = FUZZ_RUNS ?? ciRuns;
  countInputs(property, numRuns);
  return { seed: FUZZ_SEED, numRuns, includeErrorInReport: true };
}

/** Adds to the tally the long run prints: how many inputs each property tried. */
export function countInputs(property: string, count: number): void {
  const tally = process.env.FUZZ_TALLY;
  if (tally) fs.appendFileSync(tally, `${property}\t${count}\n`);
}

function integerFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not "${text}"`);
  return value;
}
