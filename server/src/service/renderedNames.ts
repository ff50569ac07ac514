import type { Hover } from 'vscode-languageserver';
import type { ManifestObject } from '../core/model/manifestObject';
import { code } from './markdown';
import { objectsAt } from './objectAt';
import type { Partition } from './workspace';

/**
 * A hover on an object of a rendered Kustomize root (see kustomizeRenderer.ts) gets what kustomize
 * made of it in the file's active cluster: its rendered kind, namespace and name (`namePrefix`,
 * `nameSuffix`, `namespace` applied) and, for a Service, the DNS name the cluster gives it. The
 * object as written is found among the rendered objects that came from the same file by its kind
 * and its name inside the rendered name.
 */
export function renderedNamesHover(hover: Hover | undefined, partition: Partition | undefined, uri: string, offset: number): Hover | undefined {
  const unit = partition?.fileCluster(uri);
  const rendering = unit && unit.unit.kind === 'kustomize' ? partition!.renderings.get(unit.name) : undefined;
  if (!unit || !rendering?.rendered || !('model' in rendering)) return hover;
  const written = objectsAt(unit.model, uri, offset)[0];
  if (!written) return hover;
  const rendered = renderedCounterpart(written, rendering.model.file(rendering.pathOf(uri))?.objects ?? []);
  if (!rendered) return hover;
  const lines = [`**Rendered** by kustomize in cluster ${code(unit.name)}: ${rendered.kind} ${code(`${rendered.namespace}/${rendered.name}`)}`];
  if (rendered.kind === 'Service') lines.push(`${code(`${rendered.name}.${rendered.namespace}.svc.${rendering.model.settings.clusterDomain}`)}`);
  const section = lines.join('  \n');
  if (!hover) return { contents: { kind: 'markdown', value: section } };
  const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { ...hover, contents: { kind: 'markdown', value: `${value}\n\n---\n\n${section}` } };
}

/** The rendered object made of one written object: same kind, and its name is inside the rendered name (a prefix or suffix added); an exact name wins. */
function renderedCounterpart(written: ManifestObject, rendered: readonly ManifestObject[]): ManifestObject | undefined {
  const sameKind = rendered.filter((object) => object.kind === written.kind);
  const exact = sameKind.filter((object) => object.name === written.name);
  if (exact.length === 1) return exact[0];
  const around = sameKind.filter((object) => object.name.includes(written.name));
  // of several, the one with the least added (web and web-admin both rendered with a prefix)
  around.sort((a, b) => a.name.length - b.name.length);
  return around[0];
}
