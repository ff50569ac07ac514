import type { Finding } from '../rules/types';
import type { ApplyUnit } from './applyUnit';

/** What linting one unit gave, and which rules it ran (all when not said). */
export interface UnitLint {
  readonly unit: ApplyUnit;
  readonly findings: readonly Finding[];
  readonly ran?: (ruleId: string) => boolean;
}

/** A finding and the apply units it was found in. */
export interface UnitFinding extends Finding {
  readonly clusters: readonly string[];
}

/**
 * The findings of a file are those of every unit it belongs to. The same finding from several units
 * is kept once; one that only some of the file's units give names them in its message, since it
 * holds only where those are applied.
 */
export function mergeUnitFindings(perUnit: readonly UnitLint[], unitsOfFile: (file: string) => readonly string[]): UnitFinding[] {
  const checked = new Map(perUnit.map((entry) => [entry.unit.name, entry.ran ?? (() => true)]));
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
    // a unit that did not run the rule (a partial cluster) neither agrees nor disagrees
    const all = unitsOfFile(finding.file).filter((name) => checked.get(name)?.(finding.ruleId) ?? true);
    if (clusters.length >= all.length) return { ...finding, clusters };
    const where = clusters.length === 1 ? `cluster ${clusters[0]}` : `clusters ${clusters.join(', ')}`;
    return { ...finding, message: `${finding.message} (in ${where})`, clusters };
  });
}
