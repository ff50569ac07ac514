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
  for (const node of map.nodes) if (node.source) push(byFile, node.source.file, node);
  // by where they start, to find the node holding a place without reading every node of the file
  for (const nodes of byFile.values()) nodes.sort((a, b) => a.source!.span.start - b.source!.span.start);
  const nodeAt = (file: string, span: { start: number; end: number }): MapNode | undefined => nodeHolding(byFile.get(file) ?? [], span);
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
    const intended = onEdges.length > 0 ? [] : intendedEdges(entry.nodeId, finding, nodeAt, edges);
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
function intendedEdges(from: string, finding: Finding, nodeAt: (file: string, span: { start: number; end: number }) => MapNode | undefined, edges: Map<string, MapEdge>): MapEdge[] {
  const made: MapEdge[] = [];
  for (const related of finding.related) {
    const target = nodeAt(related.file, related.span);
    if (!target || target.id === from) continue;
    const id = `${from}->${target.id}#intended`;
    let edge = edges.get(id);
    if (!edge) edges.set(id, (edge = { id, kind: 'intended', from, to: target.id, label: '', findings: [] }));
    if (!made.includes(edge)) made.push(edge);
  }
  return made;
}

/**
 * The node of a file whose source holds the span, from the file's nodes sorted by start. Nodes are
 * objects, whose places in a file do not overlap, so only the last to start at or before the span
 * can hold it; among nodes that start at one place, the first drawn.
 */
function nodeHolding(sorted: readonly MapNode[], span: { start: number; end: number }): MapNode | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle].source!.span.start <= span.start) low = middle + 1;
    else high = middle;
  }
  const last = sorted[low - 1];
  if (!last) return undefined;
  let first = low - 1;
  while (first > 0 && sorted[first - 1].source!.span.start === last.source!.span.start) first -= 1;
  for (let index = first; index < low; index++) if (span.end <= sorted[index].source!.span.end) return sorted[index];
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function same(a: MapFinding, b: MapFinding): boolean {
  return a.ruleId === b.ruleId && a.message === b.message;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
