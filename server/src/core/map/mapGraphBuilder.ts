import type { MapEdge, MapNode, MapNodeKind, ServiceMap } from './serviceMap';

/** The column a kind of node is drawn in, and the first sort key of the nodes: the way traffic flows. */
export const COLUMN_OF: Readonly<Record<MapNodeKind, number>> = {
  route: 0,
  monitor: 0,
  service: 1,
  missing: 1,
  workload: 2,
  external: 2,
  containerPort: 3,
  // beside the workloads, right of them: what they are attached to is one column to the left
  autoscaler: 3,
  budget: 3,
};

/** Collects nodes (the first of an id wins) and edges, and orders both so the same manifests give the same map. */
export class MapGraphBuilder {
  private readonly nodes = new Map<string, MapNode>();
  private readonly edges = new Map<string, MapEdge>();

  node(node: Omit<MapNode, 'findings'>): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, { ...node, findings: [] });
  }

  /** Adds an edge and returns its id; the same kind between the same nodes is one edge, its labels joined. */
  edge(edge: Omit<MapEdge, 'id' | 'findings'>): string {
    const id = `${edge.from}->${edge.to}${edge.kind === 'scrapes' || edge.kind === 'calls' ? `#${edge.kind}` : ''}`;
    const existing = this.edges.get(id);
    if (!existing) this.edges.set(id, { ...edge, id, findings: [] });
    else if (edge.label && !existing.label.split(', ').includes(edge.label)) this.edges.set(id, { ...existing, label: existing.label ? `${existing.label}, ${edge.label}` : edge.label });
    return id;
  }

  build(namespace: string | null, namespaces: readonly string[]): ServiceMap {
    const nodes = [...this.nodes.values()].sort((a, b) => COLUMN_OF[a.kind] - COLUMN_OF[b.kind] || compare(a.id, b.id));
    const edges = [...this.edges.values()].filter((edge) => this.nodes.has(edge.from) && this.nodes.has(edge.to)).sort((a, b) => compare(a.id, b.id));
    return { namespace, namespaces, nodes, edges, findings: [] };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
