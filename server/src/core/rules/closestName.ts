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

/** Levenshtein distance; once every path exceeds `cutoff`, returns cutoff + 1 without finishing. */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    let rowMinimum = previous[0];
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
      rowMinimum = Math.min(rowMinimum, previous[j]);
    }
    if (rowMinimum > cutoff) return cutoff + 1;
  }
  return previous[b.length];
}
