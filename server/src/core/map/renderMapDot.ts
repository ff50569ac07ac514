import { describeNode, isBroken, type MapFinding, type MapNode, type ServiceMap } from './serviceMap';

const SHAPES: Readonly<Record<MapNode['kind'], string>> = {
  route: 'cds',
  monitor: 'note',
  service: 'box',
  missing: 'box',
  workload: 'box3d',
  external: 'ellipse',
  containerPort: 'circle',
  autoscaler: 'hexagon',
  budget: 'octagon',
};

/** The map as Graphviz text: left to right, broken nodes and edges red with the findings as tooltip. */
export function renderMapDot(map: ServiceMap): string {
  const lines = ['digraph "service-map" {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const node of map.nodes) {
    const label = [node.kind === 'containerPort' || node.kind === 'external' ? node.name : `${node.objectKind} ${node.namespace}/${node.name}`, ...node.details].join('\n');
    const attributes = [`label=${quote(label)}`, `shape=${SHAPES[node.kind]}`];
    if (node.kind === 'missing') attributes.push('style=dashed');
    if (isBroken(node) || node.kind === 'missing') attributes.push('color=red', 'fontcolor=red');
    if (node.findings.length > 0) attributes.push(`tooltip=${quote(messages(node.findings))}`);
    else attributes.push(`tooltip=${quote(describeNode(node))}`);
    lines.push(`  ${quote(node.id)} [${attributes.join(', ')}];`);
  }
  for (const edge of map.edges) {
    const attributes: string[] = [];
    if (edge.label) attributes.push(`label=${quote(edge.label)}`);
    if (edge.kind === 'scrapes') attributes.push('style=dotted');
    if (edge.kind === 'aliases' || edge.kind === 'intended' || edge.denied) attributes.push('style=dashed');
    if (isBroken(edge)) attributes.push('color=red', 'fontcolor=red', `tooltip=${quote(messages(edge.findings))}`, `labeltooltip=${quote(messages(edge.findings))}`);
    else if (edge.denied) attributes.push(`tooltip=${quote(`denied: ${edge.denied}`)}`);
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function messages(findings: readonly MapFinding[]): string {
  return findings.map((finding) => `${finding.severity}: ${finding.message} (${finding.ruleId})`).join('\n');
}

/** A DOT double-quoted string: quotes and backslashes escaped, line breaks as \n. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
