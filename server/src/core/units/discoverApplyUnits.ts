import { compileGlobs } from '../glob';
import { parsePlainYaml } from '../yaml/parsePlainYaml';
import type { ApplyUnit, ConfiguredCluster } from './applyUnit';
import { KUSTOMIZATION_FILE_NAMES, readKustomization, type KustomizationReferences } from './kustomization';
import { baseName, isWithin, parentFolder, relativeTo } from './workspacePath';

export interface UnitDiscoveryInput {
  /** Every file found, `/`-separated and normalized (see workspacePath.ts). */
  readonly files: readonly string[];
  /** A file's text (asked for kustomizations only). */
  readonly textOf: (file: string) => string | undefined;
  /** The folder unit names are relative to. */
  readonly base: string;
  /** The folder the `clusters:` globs are relative to (the settings file's). */
  readonly clustersBase: string;
  readonly configured?: readonly ConfiguredCluster[];
}

/**
 * Splits the files of a workspace into apply units:
 * 1. each `clusters:` entry of the settings, with the files its globs match;
 * 2. each Kustomize root — a kustomization no other kustomization lists — with every file it reaches
 *    through `resources`, `bases` and `components`; patches and generator inputs are support files;
 * 3. each Helm chart (a folder with `Chart.yaml`) with the files below it;
 * 4. `plain`: every other file, less the files any kustomization reads as support.
 */
export function discoverApplyUnits(input: UnitDiscoveryInput): ApplyUnit[] {
  const units: ApplyUnit[] = [];
  const claimed = new Set<string>();
  for (const cluster of input.configured ?? []) {
    const included = cluster.include.length > 0 ? compileGlobs(cluster.include) : () => true;
    const excluded = compileGlobs(cluster.exclude);
    const matches = (file: string): boolean => isWithin(file, input.clustersBase) && included(relativeTo(file, input.clustersBase)) && !excluded(relativeTo(file, input.clustersBase));
    const files = input.files.filter(matches);
    for (const file of files) claimed.add(file);
    units.push({ name: cluster.name, kind: 'configured', files, support: [], remote: [], settings: cluster.settings });
  }
  const free = input.files.filter((file) => !claimed.has(file));
  const kustomize = kustomizeUnits(free, input);
  units.push(...kustomize.units);
  const charts = free.filter((file) => baseName(file) === 'Chart.yaml').map(parentFolder).sort((a, b) => b.length - a.length);
  const chartFiles = new Map<string, string[]>(charts.map((chart) => [chart, []]));
  const plain: string[] = [];
  for (const file of free) {
    if (kustomize.members.has(file)) continue;
    const chart = charts.find((folder) => isWithin(file, folder));
    if (chart !== undefined) chartFiles.get(chart)!.push(file);
    else plain.push(file);
  }
  for (const chart of [...charts].sort()) units.push({ name: unitName(chart, input.base), kind: 'helm', root: chart, files: chartFiles.get(chart)!, support: [], remote: [] });
  if (plain.length > 0) units.push({ name: 'plain', kind: 'plain', files: plain, support: [], remote: [] });
  return dedupeNames(units);
}

/** The Kustomize roots among the files, and every file some kustomization reads (resource or support). */
function kustomizeUnits(files: readonly string[], input: UnitDiscoveryInput): { units: ApplyUnit[]; members: Set<string> } {
  const listed = new Set(files);
  const byFolder = new Map<string, KustomizationReferences>();
  for (const file of files) {
    if (!KUSTOMIZATION_FILE_NAMES.includes(baseName(file))) continue;
    const folder = parentFolder(file);
    // Kustomize takes the first name it finds in a folder
    const current = byFolder.get(folder);
    if (current && KUSTOMIZATION_FILE_NAMES.indexOf(baseName(current.file)) < KUSTOMIZATION_FILE_NAMES.indexOf(baseName(file))) continue;
    byFolder.set(folder, readKustomization(file, kustomizationValue(input.textOf(file))));
  }
  const referenced = new Set<string>();
  for (const references of byFolder.values()) for (const resource of references.resources) if (byFolder.has(resource) && resource !== references.folder) referenced.add(resource);
  const members = new Set<string>();
  const units: ApplyUnit[] = [];
  const reached = new Set<string>();
  const collect = (root: KustomizationReferences): ApplyUnit => {
    const objects = new Set<string>();
    const support = new Set<string>();
    const remote: string[] = [];
    const visit = (references: KustomizationReferences, seen: Set<string>): void => {
      if (seen.has(references.folder)) return;
      seen.add(references.folder);
      reached.add(references.folder);
      support.add(references.file);
      remote.push(...references.remote);
      for (const file of references.support) if (listed.has(file)) support.add(file);
      for (const resource of references.resources) {
        const nested = byFolder.get(resource);
        if (nested) visit(nested, seen);
        else if (listed.has(resource)) objects.add(resource);
      }
    };
    visit(root, new Set());
    for (const file of objects) support.delete(file);
    for (const file of [...objects, ...support]) members.add(file);
    return { name: unitName(root.folder, input.base), kind: 'kustomize', root: root.file, files: [...objects].sort(), support: [...support].sort(), remote };
  };
  const folders = [...byFolder.keys()].sort();
  for (const folder of folders) if (!referenced.has(folder) && !byFolder.get(folder)!.component) units.push(collect(byFolder.get(folder)!));
  // kustomizations that only list each other in a loop have no root: each stands for itself
  for (const folder of folders) if (!reached.has(folder) && !byFolder.get(folder)!.component) units.push(collect(byFolder.get(folder)!));
  // a Component nothing includes builds nothing; its patches are still not objects
  for (const folder of folders) {
    const references = byFolder.get(folder)!;
    if (reached.has(folder)) continue;
    for (const file of [references.file, ...references.support]) if (listed.has(file)) members.add(file);
  }
  return { units, members };
}

/** A broken kustomization refers to nothing (its syntax error is reported with the file's findings). */
function kustomizationValue(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : parsePlainYaml(text);
  } catch {
    return undefined;
  }
}

function unitName(folder: string, base: string): string {
  return isWithin(folder, base) ? relativeTo(folder, base) : folder;
}

/** Names identify units on the command line: a second unit of a name gets its kind added. */
function dedupeNames(units: ApplyUnit[]): ApplyUnit[] {
  const seen = new Set<string>();
  return units.map((unit) => {
    let name = unit.name;
    if (seen.has(name)) name = `${name} (${unit.kind})`;
    for (let index = 2; seen.has(name); index++) name = `${unit.name} (${unit.kind} ${index})`;
    seen.add(name);
    return name === unit.name ? unit : { ...unit, name };
  });
}
