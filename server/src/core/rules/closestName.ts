/** The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // the length difference is a lower bound of the distance: skip what cannot win or tie
    if (Math.abs(candidate.length - name.length) > bestDistance) continue;
    const distance = editDistance(name, candidate, bestDistance);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.floor(Math.max(name.length, best.length) / 3)) ? best : undefined;
}

/** One row of the distance table, reused between calls. */
let row = new Uint32Array(64);

/**
 * Levenshtein distance; with a limit, any answer above the limit may be returned as soon as
 * every cell of a row exceeds it (the distance can only grow from there).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
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
    if (rowMinimum > limit) return rowMinimum;
  }
  return previous[b.length];
}
