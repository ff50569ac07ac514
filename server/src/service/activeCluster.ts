import type { UnitModel } from './unitModel';

/**
 * The cluster a file is seen in. A base shared by overlays belongs to several units; hovers,
 * CodeLens and lookups answer for one of them: the one the user picked for the file, else the
 * file's first unit in discovery order. The user may pick any unit of the folder (to ask a lookup
 * in another cluster); features that read the file's own objects then stay with a unit holding it.
 */
export class ActiveClusters {
  private readonly chosen = new Map<string, string>();

  choose(uri: string, name: string): void {
    this.chosen.set(uri, name);
  }

  forget(uri: string): void {
    this.chosen.delete(uri);
  }

  /** The unit lookups from the file run in (nslookup, the Pod picker). */
  lookupUnit(uri: string, fileUnits: readonly UnitModel[], allUnits: readonly UnitModel[]): UnitModel | undefined {
    const name = this.chosen.get(uri);
    return allUnits.find((unit) => unit.name === name) ?? fileUnits[0] ?? allUnits[0];
  }

  /** The unit whose model answers about the file's own objects (hover, definition, CodeLens). */
  fileUnit(uri: string, fileUnits: readonly UnitModel[]): UnitModel | undefined {
    const name = this.chosen.get(uri);
    return fileUnits.find((unit) => unit.name === name) ?? fileUnits[0];
  }
}
