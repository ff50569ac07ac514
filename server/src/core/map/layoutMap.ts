import { COLUMN_OF } from './mapGraphBuilder';
import type { MapNode, ServiceMap } from './serviceMap';

export interface NodeBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, NodeBox>;
  /** SVG path data of each edge, and where its label goes. */
  readonly edges: ReadonlyMap<string, { readonly path: string; readonly labelX: number; readonly labelY: number }>;
}

/** Detail lines drawn under a node's name; the rest is in its tooltip and the text list. */
export const MAX_DETAIL_LINES = 6;
export const LINE_HEIGHT = 14;
const NODE_WIDTH = 250;
const PORT_WIDTH = 120;
const COLUMN_GAP = 180;
const ROW_GAP = 14;
const MARGIN = 20;
const SWEEPS = 4;

/**
 * A layered layout. The map's columns are fixed by what a node is (routes → Services → workloads →
 * ports, autoscalers and budgets), so of the layered (Sugiyama) method only the ordering within columns is left: barycentre
 * sweeps to cut crossings, then each node placed level with what points at it. Deterministic, and
 * linear in the edges per sweep, which a general layout engine would not need to be here.
 */
export function layoutMap(map: ServiceMap): MapLayout {
  const columns: MapNode[][] = [[], [], [], []];
  for (const node of map.nodes) columns[COLUMN_OF[node.kind]].push(node);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const edge of map.edges) {
    push(incoming, edge.to, edge.from);
    push(outgoing, edge.from, edge.to);
  }
  // the last column holds container ports (pointed at) and autoscalers and budgets (pointing back)
  const around = new Map<string, string[]>();
  for (const node of columns[3]) around.set(node.id, [...(incoming.get(node.id) ?? []), ...(outgoing.get(node.id) ?? [])]);
  const rank = new Map<string, number>();
  const rankColumn = (column: MapNode[]): void => column.forEach((node, index) => rank.set(node.id, index));
  columns.forEach(rankColumn);
  const reorder = (column: MapNode[], neighbours: Map<string, string[]>): void => {
    const key = new Map(column.map((node, index) => {
      const ranks = (neighbours.get(node.id) ?? []).map((id) => rank.get(id)).filter((value): value is number => value !== undefined);
      // a node without neighbours there keeps its place among the others
      return [node.id, ranks.length > 0 ? ranks.reduce((sum, value) => sum + value, 0) / ranks.length : index] as const;
    }));
    column.sort((a, b) => key.get(a.id)! - key.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    rankColumn(column);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let column = 1; column < columns.length; column++) reorder(columns[column], column === 3 ? around : incoming);
    for (let column = columns.length - 2; column >= 0; column--) reorder(columns[column], outgoing);
  }

  const boxes = new Map<string, NodeBox>();
  const heightOf = (node: MapNode): number => (node.kind === 'containerPort' ? 24 : 34 + LINE_HEIGHT * Math.min(node.details.length, MAX_DETAIL_LINES));
  const widthOf = (node: MapNode): number => (node.kind === 'containerPort' ? PORT_WIDTH : NODE_WIDTH);
  const centreOf = (id: string): number | undefined => {
    const box = boxes.get(id);
    return box && box.y + box.height / 2;
  };
  // empty columns take no room (a cluster without routes starts with its Services)
  const xOf = (index: number): number => MARGIN + columns.slice(0, index).filter((column) => column.length > 0).length * (NODE_WIDTH + COLUMN_GAP);
  const place = (column: MapNode[], index: number, neighbours: Map<string, string[]>): void => {
    let bottom = MARGIN - ROW_GAP;
    for (const node of column) {
      const height = heightOf(node);
      const centres = (neighbours.get(node.id) ?? []).map(centreOf).filter((value): value is number => value !== undefined);
      const wanted = centres.length > 0 ? centres.reduce((sum, value) => sum + value, 0) / centres.length - height / 2 : 0;
      const y = Math.max(bottom + ROW_GAP, wanted);
      boxes.set(node.id, { x: xOf(index), y, width: widthOf(node), height });
      bottom = y + height;
    }
  };
  // Services first, stacked; routes and monitors level with the Services they point at; then what the Services reach
  place(columns[1], 1, new Map());
  place(columns[0], 0, outgoing);
  place(columns[2], 2, incoming);
  place(columns[3], 3, around);

  const edges = new Map<string, { path: string; labelX: number; labelY: number }>();
  for (const edge of map.edges) {
    const from = boxes.get(edge.from)!;
    const to = boxes.get(edge.to)!;
    // an edge back to an earlier column (a Pod's subdomain naming a Service) leaves from the left
    const back = to.x < from.x;
    const x1 = back ? from.x : from.x + from.width;
    // a little lower, so it does not hide an edge the other way between the same nodes
    const y1 = from.y + from.height / 2 + (back ? 8 : 0);
    const x2 = back ? to.x + to.width : to.x;
    const y2 = to.y + to.height / 2 + (back ? 8 : 0);
    const bend = (back ? -1 : 1) * Math.max(40, Math.abs(x2 - x1) / 2);
    edges.set(edge.id, { path: `M${x1},${round(y1)} C${x1 + bend},${round(y1)} ${x2 - bend},${round(y2)} ${x2},${round(y2)}`, labelX: round((x1 + x2) / 2), labelY: round((y1 + y2) / 2 - 4) });
  }
  let width = 0;
  let height = 0;
  for (const box of boxes.values()) {
    width = Math.max(width, box.x + box.width);
    height = Math.max(height, box.y + box.height);
  }
  return { width: width + MARGIN, height: height + MARGIN, nodes: boxes, edges };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
