/**
 * Above this many names of a plausible length, no suggestion is made: comparing every misspelt name
 * with every candidate would make a hostile namespace (thousands of near-identical names) quadratic.
 */
export const MAX_SUGGESTION_CANDIDATES = 1000;

/**
 * The object whose name is nearest to `name` (a likely typo), among those `keep` accepts; none when
 * there are more objects than MAX_SUGGESTION_CANDIDATES, checked before any of them is read.
 */
export function closestNamed<T extends { readonly name: string }>(name: string, items: readonly T[], keep: (item: T) => boolean = () => true): T | undefined {
  if (items.length > MAX_SUGGESTION_CANDIDATES) return undefined;
  const closest = closestName(name, items.filter(keep).map((item) => item.name));
  return closest === undefined ? undefined : items.find((item) => keep(item) && item.name === closest);
}

/** The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  // edit distance is at least the difference in length, so most candidates are ruled out unread
  const plausible = [...candidates].filter((candidate) => Math.abs(candidate.length - name.length) <= allowedDistance(name, candidate));
  if (plausible.length > MAX_SUGGESTION_CANDIDATES) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of plausible) {
    // the length difference is a lower bound of the distance: skip what cannot win or tie
    if (Math.abs(candidate.length - name.length) > bestDistance) continue;
    const distance = editDistance(name, candidate, Math.min(bestDistance, allowedDistance(name, candidate)));
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= allowedDistance(name, best) ? best : undefined;
}

function allowedDistance(a: string, b: string): number {
  return Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

/** One row of the distance table, reused between calls. */
let row = new Uint32Array(64);

/** Levenshtein distance; once every cell of a row exceeds `cutoff`, returns cutoff + 1 without finishing. */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  if (row.length < b.length + 1) row = new Uint32Array(b.length + 1);
  const previous = row;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    const code = a.charCodeAt(i - 1);
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      const cell = Math.min(above + 1, previous[j - 1] + 1, diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1));
      previous[j] = cell;
      if (cell < rowMinimum) rowMinimum = cell;
      diagonal = above;
    }
    if (rowMinimum > cutoff) return cutoff + 1;
  }
  return previous[b.length];
}
