/**
 * What is applied together: one cluster model each. A file may belong to several (a Kustomize base
 * used by two overlays).
 */
export interface ApplyUnit {
  /** How the user names it (`--cluster`, the editor's picker): the root folder, `plain`, or a configured name. */
  readonly name: string;
  readonly kind: 'kustomize' | 'helm' | 'plain' | 'configured';
  /** The kustomization file, the chart folder, or undefined. */
  readonly root?: string;
  /** Files whose objects are part of the unit. */
  readonly files: readonly string[];
  /** Files the unit reads but does not apply as objects (patches, generator inputs, the kustomization itself): only their syntax is checked. */
  readonly support: readonly string[];
  /** Resources fetched from elsewhere, not followed. */
  readonly remote: readonly string[];
  /** Settings a `clusters:` entry sets for this unit. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** A `clusters:` entry of `.kube-lookup.yaml`: what it names is one unit, whatever discovery would say. */
export interface ConfiguredCluster {
  readonly name: string;
  /** Globs relative to the folder of the settings file; every file when empty. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * Whether a unit's files hold its whole cluster: not when a Helm chart's templates are not rendered
 * or a Kustomize resource is remote. Checks that read other objects need the whole cluster. (A
 * templated file among plain files is a stray one: the rest is checked as before.)
 */
export function holdsWholeCluster(unit: ApplyUnit, isTemplated: (file: string) => boolean): boolean {
  if (unit.kind === 'helm') return !unit.files.some(isTemplated);
  return unit.remote.length === 0;
}
