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

/**
 * Names longer than this get no suggestion and are suggested to none: 253 characters is the longest
 * name Kubernetes accepts (a DNS subdomain), and comparing two names costs their lengths times the
 * distance allowed, so a megabyte-long name once hung the analysis.
 */
export const MAX_SUGGESTION_LENGTH = 253;

/** The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGESTION_LENGTH) return undefined;
  // edit distance is at least the difference in length, so most candidates are ruled out unread
  const plausible = [...candidates].filter((candidate) => candidate.length <= MAX_SUGGESTION_LENGTH && Math.abs(candidate.length - name.length) <= allowedDistance(name, candidate));
  if (plausible.length > MAX_SUGGESTION_CANDIDATES) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of plausible) {
    // the length difference is a lower bound of the distance: skip what cannot win or tie
    if (Math.abs(candidate.length - name.length) > bestDistance) continue;
    const allowed = allowedDistance(name, candidate);
    const distance = editDistance(name, candidate, Math.min(bestDistance, allowed));
    // a candidate too far for its own allowance is never suggested, so it must not outrank one that is not
    if (distance > allowed) continue;
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function allowedDistance(a: string, b: string): number {
  return Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

/** One row of the distance table, reused between calls. */
let row = new Uint32Array(64);

/** Stands for "more than the cutoff" outside the band; small enough that adding one cannot overflow. */
const FAR = 0x3fffffff;

/**
 * Levenshtein distance, exact when it is at most `cutoff`; otherwise cutoff + 1. Only the cells
 * within `cutoff` of the diagonal are computed (a path leaving that band costs more than the
 * cutoff), and once every cell of a row exceeds it the rest is not read: time grows with the
 * length times the cutoff, not with the product of the lengths.
 */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  if (Math.abs(a.length - b.length) > cutoff) return cutoff + 1;
  const band = Math.min(cutoff, Math.max(a.length, b.length));
  if (row.length < b.length + 1) row = new Uint32Array(b.length + 1);
  const previous = row;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= band ? j : FAR;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - band);
    const high = Math.min(b.length, i + band);
    let diagonal = previous[low - 1];
    previous[low - 1] = low === 1 ? i : FAR;
    const code = a.charCodeAt(i - 1);
    let rowMinimum = previous[low - 1];
    for (let j = low; j <= high; j++) {
      const above = previous[j];
      const cell = Math.min(above + 1, previous[j - 1] + 1, diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1));
      previous[j] = cell;
      if (cell < rowMinimum) rowMinimum = cell;
      diagonal = above;
    }
    if (rowMinimum > cutoff) return cutoff + 1;
  }
  return previous[b.length] > cutoff ? cutoff + 1 : previous[b.length];
}
