/**
 * The names glibc's res_search sends for a name, in order: a trailing dot means absolute only; a
 * name with at least `ndots` dots is tried as given first; then each search domain is appended; a
 * name not yet tried as given is tried last. Other resolvers: resolverWalk.ts.
 */
export function searchCandidates(name: string, searches: readonly string[], ndots: number): string[] {
  if (name.endsWith('.')) return [name];
  const dots = (name.match(/\./g) ?? []).length;
  const candidates: string[] = [];
  const asIs = `${name}.`;
  const triedAsIs = dots >= ndots;
  if (triedAsIs) candidates.push(asIs);
  for (const domain of searches) {
    // the root domain on the list is the name as given, tried in its place
    const candidate = domain === '.' ? asIs : `${name}.${domain.replace(/\.$/, '')}.`;
    if (!candidates.includes(candidate)) candidates.push(candidate);
  }
  if (!candidates.includes(asIs)) candidates.push(asIs);
  return candidates;
}
