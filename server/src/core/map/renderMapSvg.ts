import { LINE_HEIGHT, MAX_DETAIL_LINES, type MapLayout } from './layoutMap';
import { describeNode, isBroken, verbOf, type MapEdge, type MapNode, type ServiceMap } from './serviceMap';

export interface SvgOptions {
  /** A stylesheet put inside the SVG (a file on its own); the webview styles it from its page instead. */
  readonly style?: string;
  /** Nodes focusable in tab order, as buttons, for a page that opens them on Enter. */
  readonly interactive?: boolean;
}

/** Colours of a standalone SVG (a CI artifact, the docs): light, with the error colour VS Code uses. */
export const STANDALONE_STYLE = `
svg { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #ffffff; }
.node rect { fill: #f3f3f3; stroke: #8a8a8a; }
.node-route rect { fill: #e8f0fe; } .node-monitor rect { fill: #f3e8fd; } .node-workload rect { fill: #e6f4ea; }
.node-external rect, .node-missing rect { fill: #ffffff; stroke-dasharray: 4 3; }
.node-containerPort rect { fill: #fff8e1; }
.node text { fill: #1f1f1f; font-size: 12px; } .node .kind, .node .detail { fill: #616161; font-size: 10.5px; }
.edge path { fill: none; stroke: #8a8a8a; stroke-width: 1.3; }
.node-autoscaler rect, .node-budget rect { fill: #fdf3e7; }
.edge-scrapes path, .edge-scales path, .edge-guards path { stroke-dasharray: 2 3; } .edge-aliases path, .edge-intended path { stroke-dasharray: 6 3; }
.edge.denied path { stroke-dasharray: 10 4 2 4; }
.edge text { fill: #616161; font-size: 10px; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
.broken rect, .broken path { stroke: #e51400; stroke-width: 2; } .broken text { fill: #e51400; }
.arrow { fill: #8a8a8a; } .arrow-broken { fill: #e51400; }
`;

/** Characters that fit a line of a node, at the font sizes above. */
const NAME_CHARS = 34;
const PORT_CHARS = 16;
/** Characters of an edge label that fit between two columns. */
const EDGE_CHARS = 32;

/** The map drawn as SVG: plain shapes with classes, no inline styles or scripts, so a strict CSP allows it. */
export function renderMapSvg(map: ServiceMap, layout: MapLayout, options: SvgOptions = {}): string {
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="service-map" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="${escape(`Service map${map.namespace ? ` of namespace ${map.namespace}` : ''}`)}">`);
  if (options.style) parts.push(`<style>${options.style}</style>`);
  parts.push('<defs>', marker('arrow'), marker('arrow-broken'), '</defs>');
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  parts.push('<g class="edges">');
  for (const edge of map.edges) parts.push(edgeSvg(edge, layout, byId));
  parts.push('</g><g class="nodes">');
  for (const node of map.nodes) parts.push(nodeSvg(node, layout, options.interactive ?? false));
  parts.push('</g></svg>');
  return `${parts.join('\n')}\n`;
}

function marker(id: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="${id}" d="M0,0 L10,5 L0,10 z"/></marker>`;
}

function edgeSvg(edge: MapEdge, layout: MapLayout, byId: ReadonlyMap<string, MapNode>): string {
  const drawn = layout.edges.get(edge.id)!;
  const broken = isBroken(edge);
  const title = `${describeNode(byId.get(edge.from)!)} ${verbOf(edge.kind)} ${describeNode(byId.get(edge.to)!)}${edge.label ? ` (${edge.label})` : ''}${edge.denied ? `\ndenied: ${edge.denied}` : ''}${edge.findings.map((finding) => `\n${finding.severity}: ${finding.message}`).join('')}`;
  // a broken link without ports is labelled with its rule, so the picture says what is wrong
  const text = edge.label || (broken ? edge.findings[0].ruleId : '');
  const label = text ? `<text x="${drawn.labelX}" y="${drawn.labelY}" text-anchor="middle">${escape(clip(text, EDGE_CHARS))}</text>` : '';
  return `<g class="edge edge-${edge.kind}${broken ? ' broken' : ''}${edge.denied ? ' denied' : ''}" data-edge="${escape(edge.id)}"><title>${escape(title)}</title><path d="${drawn.path}" marker-end="url(#${broken ? 'arrow-broken' : 'arrow'})"/>${label}</g>`;
}

function nodeSvg(node: MapNode, layout: MapLayout, interactive: boolean): string {
  const box = layout.nodes.get(node.id)!;
  const broken = isBroken(node) || node.kind === 'missing';
  const description = describeNode(node);
  const title = [description, ...node.details, ...node.findings.map((finding) => `${finding.severity}: ${finding.message}`)].join('\n');
  const focus = interactive ? ` tabindex="0" role="button" aria-label="${escape(`${description}${node.findings.length > 0 ? `, ${node.findings.length} ${node.findings.length === 1 ? 'problem' : 'problems'}` : ''}`)}"` : '';
  const lines: string[] = [];
  if (node.kind === 'containerPort') {
    lines.push(`<text x="8" y="16">${escape(clip(node.name, PORT_CHARS))}</text>`);
  } else {
    const kind = node.kind === 'external' ? 'external host' : node.kind === 'missing' ? 'Service (missing)' : node.objectKind;
    lines.push(`<text class="kind" x="8" y="13">${escape(`${kind}${node.namespace ? ` · ${node.namespace}` : ''}`)}</text>`);
    lines.push(`<text class="name" x="8" y="27">${escape(clip(node.name, NAME_CHARS))}</text>`);
    const shown = node.details.length > MAX_DETAIL_LINES ? [...node.details.slice(0, MAX_DETAIL_LINES - 1), `… ${node.details.length - MAX_DETAIL_LINES + 1} more`] : node.details;
    shown.forEach((detail, index) => lines.push(`<text class="detail" x="8" y="${27 + LINE_HEIGHT * (index + 1)}">${escape(clip(detail, NAME_CHARS + 4))}</text>`));
  }
  return `<g class="node node-${node.kind}${broken ? ' broken' : ''}" data-node="${escape(node.id)}" transform="translate(${box.x},${round(box.y)})"${focus}><title>${escape(title)}</title><rect width="${box.width}" height="${box.height}" rx="4"/>${lines.join('')}</g>`;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Text and attribute values: the five XML specials. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
