import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

export interface Seed {
  readonly name: string;
  readonly text: string;
}

/**
 * Real manifests next to the repository (never copied into it): `../shared/corpus`, or two levels
 * up from a git worktree, or wherever FUZZ_CORPUS points; absent on machines without them.
 */
export const corpusRoot = [process.env.FUZZ_CORPUS, path.join(repoRoot, '..', 'shared', 'corpus'), path.join(repoRoot, '..', '..', 'shared', 'corpus')]
  .find((candidate): candidate is string => candidate !== undefined && candidate !== '' && fs.existsSync(candidate)) ?? path.join(repoRoot, '..', 'shared', 'corpus');

const MANIFEST = /\.(ya?ml|json)$/i;

function manifestsUnder(folder: string, label: string): Seed[] {
  if (!fs.existsSync(folder)) return [];
  const seeds: Seed[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && MANIFEST.test(entry.name)) seeds.push({ name: `${label}/${path.relative(folder, full)}`, text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(folder);
  return seeds;
}

/** The project's own examples and rule fixtures: small, and between them every rule fires. */
export const projectSeeds: readonly Seed[] = [
  ...manifestsUnder(path.join(repoRoot, 'examples'), 'examples'),
  ...manifestsUnder(path.join(repoRoot, 'test', 'fixtures'), 'fixtures'),
];

/** The shared corpus of real-world manifests, or nothing (with a note) when it is not there. */
export const corpusSeeds: readonly Seed[] = manifestsUnder(corpusRoot, 'corpus');

export const corpusNote = corpusSeeds.length === 0 ? `corpus not found at ${corpusRoot}: mutating the project's own manifests only` : undefined;

export const allSeeds: readonly Seed[] = [...projectSeeds, ...corpusSeeds];
