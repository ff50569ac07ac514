import type { ManifestFile } from '../core/model/clusterModel';
import type { ApplyUnit } from '../core/units/applyUnit';
import { helmCluster } from '../render/helmCluster';
import { findHelm } from '../render/helmTool';
import { renderHelmUnit } from '../render/renderHelmUnit';
import { relativePath } from './findingPositions';
import type { Configuration } from './loadSettings';
import type { LoadedUnit } from './loadWorkspace';

/** What loading the Helm charts of a workspace shares. */
export interface HelmLoad {
  readonly render: boolean;
  readonly configuration: Configuration;
  /** Every file read; files rendered from templates that were not read are added (so findings on them can be placed). */
  readonly files: Map<string, ManifestFile>;
  /** The helm found on PATH, looked for once. */
  helm?: { readonly program: string | undefined };
}

/**
 * One Helm chart as its own cluster: rendered with `helm template` (see render/renderHelmUnit.ts)
 * and checked as render/helmCluster.ts says, the same code the language server runs.
 */
export function helmUnit(unit: ApplyUnit, load: HelmLoad): LoadedUnit {
  const settings = load.configuration.settingsOf(unit);
  const { files } = load;
  if (load.render) load.helm ??= { program: findHelm() };
  const rendering = renderHelmUnit(unit, {
    helm: load.helm?.program,
    disabled: !load.render,
    settings,
    files,
    charts: load.configuration.charts,
    chartsFolder: load.configuration.clustersFolder,
  });
  return helmCluster(unit, rendering, files, settings, relativePath);
}
