import fc from 'fast-check';
import { describe, it } from 'node:test';
import { fuzzParameters } from './budget';
import { analyse } from './harness';
import { applyMutations, mutation, mutations } from './mutations';
import { allSeeds, corpusNote, corpusSeeds, projectSeeds, type Seed } from './seeds';

const seedIndex = (seeds: readonly Seed[]) => fc.nat({ max: seeds.length - 1 });

describe('fuzz: damaged manifests', () => {
  it('analyses any damage to the project manifests without failing, inside the file, deterministically', () => {
    fc.assert(
      fc.property(seedIndex(projectSeeds), mutations, (index, list) => {
        const seed = projectSeeds[index];
        analyse({ [seed.name]: applyMutations(seed.text, list) });
      }),
      fuzzParameters('damaged project manifests', 300),
    );
  });

  it('analyses damaged real-world manifests from the shared corpus', (t) => {
    if (corpusNote) return t.skip(corpusNote);
    fc.assert(
      fc.property(seedIndex(corpusSeeds), mutations, (index, list) => {
        const seed = corpusSeeds[index];
        analyse({ [seed.name]: applyMutations(seed.text, list) });
      }),
      fuzzParameters('damaged corpus manifests', 150),
    );
  });

  it('analyses workspaces of several damaged files together (cross-file rules see broken neighbours)', () => {
    const file = fc.tuple(seedIndex(allSeeds), fc.array(mutation, { maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(file, { minLength: 2, maxLength: 6 }), (chosen) => {
        const files: Record<string, string> = {};
        chosen.forEach(([index, list], position) => {
          const seed = allSeeds[index];
          files[`ws/${position}-${seed.name}`] = applyMutations(seed.text, list);
        });
        analyse(files);
      }),
      fuzzParameters('damaged workspaces', 100),
    );
  });
});
