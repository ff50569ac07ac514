import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { rulesById } from '../rules/index';
import { locatePlace } from '../rules/runRules';
import type { Finding } from '../rules/types';
import type { ValuePath } from '../yaml/sourceLocator';
import type { MapEdge, MapFinding, MapNode, MapSource, ServiceMap } from './serviceMap';

/** The node an object is drawn as, and the places in it each of its edges comes from. */
export interface ObjectPlaces {
  readonly object: ManifestObject;
  readonly nodeId: string;
  readonly edges: { readonly edgeId: string; readonly path: ValuePath }[];
}

/**
 * Wiring rules are the rules that read other objects (scope `cluster`): their findings are the
 * broken links. Each goes on the edge whose place in the object holds the finding (an Ingress
 * backend that names no Service), else on the object's node (a selector that matches nothing).
 * Findings of objects the map draws no node for are kept beside the graph, so none is lost.
 */
export function attachFindings(model: ClusterModel, map: ServiceMap, places: ReadonlyMap<string, ObjectPlaces>, findings: readonly Finding[], inScope: (namespace: string) => boolean): ServiceMap {
  const nodes = new Map<string, MapNode>(map.nodes.map((node) => [node.id, node]));
  const edges = new Map<string, MapEdge>(map.edges.map((edge) => [edge.id, edge]));
  const unplaced: (MapFinding & MapSource)[] = [];
  let objectsById: Map<string, ManifestObject> | undefined;
  const spans = new Map<string, { start: number; end: number }>();
  const byFile = new Map<string, MapNode[]>();
  for (const node of map.nodes) if (node.source) byFile.set(node.source.file, [...(byFile.get(node.source.file) ?? []), node]);
  const nodesOf = (file: string): readonly MapNode[] => byFile.get(file) ?? [];
  for (const finding of findings) {
    if (rulesById.get(finding.ruleId)?.meta.scope !== 'cluster') continue;
    const entry = finding.objectId === undefined ? undefined : places.get(finding.objectId);
    const item: MapFinding = { ruleId: finding.ruleId, severity: finding.severity, message: finding.message };
    // an object drawn as no node may still hold an edge's place (a ConfigMap key a workload calls through)
    const onEdges = (entry?.edges ?? []).filter(({ edgeId, path }) => {
      if (!edges.has(edgeId)) return false;
      const key = `${entry!.object.id}\0${path.join('\0')}`;
      let span = spans.get(key);
      if (!span) spans.set(key, (span = locatePlace(model, { object: entry!.object, path }).span));
      return span.start <= finding.span.start && finding.span.end <= span.end;
    });
    if (!entry || (!nodes.has(entry.nodeId) && onEdges.length === 0)) {
      objectsById ??= new Map([...model.objects()].map((object) => [object.id, object]));
      const object = finding.objectId === undefined ? undefined : objectsById.get(finding.objectId);
      if (object ? inScope(object.namespace) : true) unplaced.push({ ...item, file: finding.file, span: finding.span });
      continue;
    }
    const intended = onEdges.length > 0 ? [] : intendedEdges(entry.nodeId, finding, nodesOf, edges);
    const targets = onEdges.length > 0 ? unique(onEdges.map(({ edgeId }) => edges.get(edgeId)!)) : intended.length > 0 ? intended : [nodes.get(entry.nodeId)!];
    for (const target of targets) if (!target.findings.some((other) => same(other, item))) target.findings.push(item);
  }
  return { ...map, edges: [...edges.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), findings: unplaced };
}

/**
 * A finding that names another object the map draws (the Deployment a mistyped selector meant, the
 * Service a subdomain names) is the link the manifests meant but the cluster does not make: an
 * `intended` edge to that object carries it.
 */
function intendedEdges(from: string, finding: Finding, nodesOf: (file: string) => readonly MapNode[], edges: Map<string, MapEdge>): MapEdge[] {
  const made: MapEdge[] = [];
  for (const related of finding.related) {
    const target = nodesOf(related.file).find((node) => node.source!.span.start <= related.span.start && related.span.end <= node.source!.span.end);
    if (!target || target.id === from) continue;
    const id = `${from}->${target.id}#intended`;
    let edge = edges.get(id);
    if (!edge) edges.set(id, (edge = { id, kind: 'intended', from, to: target.id, label: '', findings: [] }));
    if (!made.includes(edge)) made.push(edge);
  }
  return made;
}

function same(a: MapFinding, b: MapFinding): boolean {
  return a.ruleId === b.ruleId && a.message === b.message;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
