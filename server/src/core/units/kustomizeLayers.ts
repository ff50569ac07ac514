import { parsePlainYaml } from '../yaml/parsePlainYaml';
import { readKustomization } from './kustomization';
import { joinPath, parentFolder } from './workspacePath';

/** A patch a kustomization applies: from a file, or written inline in the kustomization. */
export interface PatchFile {
  /** The patch file; for an inline patch, the kustomization. */
  readonly file: string;
  /** Where an inline patch's text stands in the kustomization, such as `['patches', 2, 'patch']`. */
  readonly inlineAt?: readonly (string | number)[];
  /** `target:` of a `patches`/`patchesJson6902` entry: which objects it applies to. */
  readonly target?: { readonly kind?: string; readonly name?: string };
}

/** What one kustomization of a unit does to the objects below it: the transformers a finding may name. */
export interface KustomizeLayer {
  /** The kustomization file. */
  readonly file: string;
  readonly namespace?: string;
  readonly namePrefix?: string;
  readonly nameSuffix?: string;
  /** `commonLabels`, and the `labels` entries' pairs: added to metadata, and to selectors where kustomize adds them there. */
  readonly labels: Readonly<Record<string, string>>;
  /** Which field of the kustomization each label comes from. */
  readonly labelFields: Readonly<Record<string, 'commonLabels' | 'labels'>>;
  readonly patches: readonly PatchFile[];
  /** Resources and components, resolved; folders stand for their kustomization. */
  readonly resources: readonly string[];
  /** The folders of its `components`: their transformers and patches apply to all this kustomization accumulates. */
  readonly components: readonly string[];
}

/**
 * The kustomizations of a unit, and which of them an origin file lies below: the transformers that
 * may have changed that file's objects. Paths are `/`-separated (see workspacePath.ts).
 */
export class KustomizeLayers {
  private readonly byFolder = new Map<string, KustomizeLayer>();
  private readonly reaching = new Map<string, KustomizeLayer[]>();

  constructor(private readonly rootFile: string, kustomizationFiles: readonly string[], textOf: (file: string) => string | undefined) {
    for (const file of kustomizationFiles) {
      const layer = readLayer(file, textOf(file));
      if (layer) this.byFolder.set(parentFolder(file), layer);
    }
  }

  /** Every kustomization read, the root last. */
  all(): readonly KustomizeLayer[] {
    const root = this.byFolder.get(parentFolder(this.rootFile));
    return [...[...this.byFolder.values()].filter((layer) => layer !== root), ...(root ? [root] : [])];
  }

  /** The kustomizations whose build includes `file`, innermost first (the root last). */
  over(file: string): readonly KustomizeLayer[] {
    let layers = this.reaching.get(file);
    if (!layers) {
      layers = [];
      const root = this.byFolder.get(parentFolder(this.rootFile));
      if (root) this.collect(root, file, new Set(), layers);
      this.reaching.set(file, layers);
    }
    return layers;
  }

  /**
   * Adds the layers from `layer` down that reach `file`, innermost first; true when `layer` reaches
   * it. The components a reaching layer includes come just before it: Kustomize applies them to
   * everything the layer accumulated, then the layer's own transformers.
   */
  private collect(layer: KustomizeLayer, file: string, seen: Set<KustomizeLayer>, out: KustomizeLayer[]): boolean {
    if (seen.has(layer)) return out.includes(layer);
    seen.add(layer);
    let reaches = false;
    for (const resource of layer.resources) {
      const nested = this.byFolder.get(resource);
      if (nested) reaches = this.collect(nested, file, seen, out) || reaches;
      else if (resource === file) reaches = true;
    }
    if (!reaches) return false;
    this.addComponents(layer, out);
    out.push(layer);
    return true;
  }

  /** The components a layer includes, each after the components it includes itself. */
  private addComponents(layer: KustomizeLayer, out: KustomizeLayer[]): void {
    for (const component of layer.components) {
      const included = this.byFolder.get(component);
      if (!included || out.includes(included)) continue;
      this.addComponents(included, out);
      out.push(included);
    }
  }
}

function readLayer(file: string, text: string | undefined): KustomizeLayer | undefined {
  let value: unknown;
  try {
    value = text === undefined ? undefined : parsePlainYaml(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const folder = parentFolder(file);
  const labels: Record<string, string> = {};
  const labelFields: Record<string, 'commonLabels' | 'labels'> = {};
  for (const [key, item] of Object.entries(isRecord(value.commonLabels) ? value.commonLabels : {})) {
    labels[key] = String(item);
    labelFields[key] = 'commonLabels';
  }
  for (const entry of Array.isArray(value.labels) ? value.labels : []) {
    if (!isRecord(entry) || !isRecord(entry.pairs)) continue;
    for (const [key, item] of Object.entries(entry.pairs)) {
      labels[key] = String(item);
      labelFields[key] = 'labels';
    }
  }
  const patches: PatchFile[] = [];
  (Array.isArray(value.patchesStrategicMerge) ? value.patchesStrategicMerge : []).forEach((entry: unknown, index: number) => {
    if (typeof entry !== 'string') return;
    patches.push(entry.includes('\n') ? { file, inlineAt: ['patchesStrategicMerge', index] } : { file: joinPath(folder, entry) });
  });
  for (const field of ['patches', 'patchesJson6902']) {
    (Array.isArray(value[field]) ? value[field] : []).forEach((entry: unknown, index: number) => {
      if (!isRecord(entry)) return;
      const target = isRecord(entry.target) ? { kind: stringOrUndefined(entry.target.kind), name: stringOrUndefined(entry.target.name) } : undefined;
      if (typeof entry.path === 'string') patches.push({ file: joinPath(folder, entry.path), target });
      else if (typeof entry.patch === 'string') patches.push({ file, inlineAt: [field, index, 'patch'], target });
    });
  }
  return {
    file,
    namespace: stringOrUndefined(value.namespace),
    namePrefix: stringOrUndefined(value.namePrefix),
    nameSuffix: stringOrUndefined(value.nameSuffix),
    labels,
    labelFields,
    patches,
    resources: readKustomization(file, value).resources,
    components: (Array.isArray(value.components) ? value.components : []).filter((entry): entry is string => typeof entry === 'string').map((entry) => joinPath(folder, entry)),
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
