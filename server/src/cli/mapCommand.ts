import { buildServiceMap } from '../core/map/buildServiceMap';
import { layoutMap } from '../core/map/layoutMap';
import { renderMapDot } from '../core/map/renderMapDot';
import { renderMapSvg, STANDALONE_STYLE } from '../core/map/renderMapSvg';
import type { MapSource, ServiceMap } from '../core/map/serviceMap';
import { lintFiles } from '../core/rules/runRules';
import type { ClusterModel } from '../core/model/clusterModel';
import { writtenDocumentOf, writtenPlaceOf, type RenderedSources } from '../core/units/renderedFindings';
import { LineIndex } from '../core/yaml/lineIndex';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { chooseUnit } from './clusterChoice';
import { relativePath } from './findingPositions';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';
import { UsageError } from './usageError';

/** `kube-lookup map [PATH...] [--namespace NS] [--format json|dot|svg]`: the wiring of one cluster, broken links marked. */
export function mapCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'namespace']);
  const format = optionValue(args, 'format', ['json', 'dot', 'svg']) ?? 'json';
  const namespace = optionValue(args, 'namespace');
  const { model, whole, rendered } = chooseUnit(loadWorkspace(args.positionals, loadConfiguration(args), renderOption(args)), args);
  if (namespace !== undefined && !model.namespaces().includes(namespace)) {
    throw new UsageError(`no namespace "${namespace}" in the manifests (they hold ${model.namespaces().join(', ')})`);
  }
  const { findings } = lintFiles(model, undefined, { fixes: false, wholeCluster: whole });
  const map = buildServiceMap(model, { namespace, findings });
  if (format === 'dot') output.stdout(renderMapDot(map));
  else if (format === 'svg') output.stdout(renderMapSvg(map, layoutMap(map), { style: STANDALONE_STYLE }));
  else output.stdout(`${JSON.stringify(mapToJson(map, model, rendered), null, 2)}\n`);
  return 0;
}

/**
 * The map with its sources as `file`, 1-based `line` and `column`, as `lint --format json` places
 * findings. A Kustomize root built by kustomize is drawn from its output; its places are moved back to
 * the files as written (a node to its object's document, a finding to its line) as lint moves findings.
 */
function mapToJson(map: ServiceMap, model: ClusterModel, rendered: RenderedSources | undefined): unknown {
  const textOf = (file: string): string => rendered?.sourceOf(file)?.text ?? model.file(file)?.text ?? '';
  const indexes = new Map<string, LineIndex>();
  const place = (written: MapSource | undefined, move: typeof writtenPlaceOf = writtenPlaceOf): { file: string; line: number; column: number } | undefined => {
    const source = written && rendered ? move(written.file, written.span, rendered) : written;
    if (!source) return undefined;
    let index = indexes.get(source.file);
    if (!index) indexes.set(source.file, (index = new LineIndex(textOf(source.file))));
    const position = index.position(source.span.start);
    return { file: relativePath(source.file), line: position.line + 1, column: position.character + 1 };
  };
  return {
    namespace: map.namespace,
    namespaces: map.namespaces,
    nodes: map.nodes.map(({ source, ...node }) => ({ ...node, source: place(source, writtenDocumentOf) ?? null })),
    edges: map.edges,
    findings: map.findings.map(({ file, span, ...finding }) => ({ ...finding, ...place({ file, span }) })),
  };
}
