import { buildServiceMap } from '../core/map/buildServiceMap';
import type { MapSource } from '../core/map/serviceMap';
import type { ServiceMapResult, WireLocation } from '../protocol';
import { spanToRange } from './positions';
import type { UnitModel } from './unitModel';

/**
 * The map of a cluster as the editor shows it: the unit's own findings (its LintSession keeps them
 * current, so nothing is linted again) and every source as an LSP location to open on a click.
 */
export function serviceMapOf(unit: UnitModel | undefined, namespace: string | null | undefined): ServiceMapResult {
  if (!unit) return { cluster: null, namespace: null, namespaces: [], nodes: [], edges: [], findings: [], locations: {} };
  const { model } = unit;
  const findings = unit.session.allFindings();
  let map = buildServiceMap(model, { namespace: namespace ?? undefined, findings });
  // a namespace the cluster no longer holds (renamed since the map was opened) shows them all
  if (namespace && !map.namespaces.includes(namespace)) map = buildServiceMap(model, { findings });
  const locate = (source: MapSource): WireLocation | undefined => {
    const text = model.file(source.file)?.text;
    if (text === undefined) return undefined;
    // the cursor goes to the start of the object, not over its whole document
    const range = spanToRange(source.file, text, { start: source.span.start, end: source.span.start });
    return { uri: source.file, range };
  };
  const locations: Record<string, WireLocation> = {};
  for (const node of map.nodes) {
    const location = node.source && locate(node.source);
    if (location) locations[node.id] = location;
  }
  return {
    cluster: unit.name,
    namespace: map.namespace,
    namespaces: map.namespaces,
    nodes: map.nodes.map(({ source: _source, ...node }) => node),
    edges: map.edges,
    findings: map.findings.flatMap(({ file, span, ...finding }) => {
      const location = locate({ file, span });
      return location ? [{ ...finding, location }] : [];
    }),
    locations,
  };
}
