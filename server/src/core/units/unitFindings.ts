import type { Finding } from '../rules/types';
import type { ApplyUnit } from './applyUnit';

/** A finding and the apply units it was found in. */
export interface UnitFinding extends Finding {
  readonly clusters: readonly string[];
}

/**
 * The findings of a file are those of every unit it belongs to. The same finding from several units
 * is kept once; one that only some of the file's units give names them in its message, since it
 * holds only where those are applied.
 */
export function mergeUnitFindings(perUnit: readonly { readonly unit: ApplyUnit; readonly findings: readonly Finding[] }[], unitsOfFile: (file: string) => readonly string[]): UnitFinding[] {
  const merged = new Map<string, { finding: Finding; clusters: string[] }>();
  for (const { unit, findings } of perUnit) {
    for (const finding of findings) {
      const key = `${finding.file}\0${finding.ruleId}\0${finding.span.start}\0${finding.span.end}\0${finding.message}`;
      const known = merged.get(key);
      if (known) {
        if (!known.clusters.includes(unit.name)) known.clusters.push(unit.name);
      } else merged.set(key, { finding, clusters: [unit.name] });
    }
  }
  return [...merged.values()].map(({ finding, clusters }) => {
    const all = unitsOfFile(finding.file);
    if (clusters.length >= all.length) return { ...finding, clusters };
    const where = clusters.length === 1 ? `cluster ${clusters[0]}` : `clusters ${clusters.join(', ')}`;
    return { ...finding, message: `${finding.message} (in ${where})`, clusters };
  });
}
