// The service map webview's script (bundled by client/bundle.mjs for the browser). It lays out and
// draws the graph the server sends, with the same code as `kube-lookup map --format svg`, and tells
// the extension which object to open. No network, no eval, no inline styles: the page's CSP holds.
import { layoutMap, type MapLayout } from '../../server/src/core/map/layoutMap';
import { ARROW_DIRECTIONS, nodeInDirection } from '../../server/src/core/map/mapNavigation';
import { renderMapSvg } from '../../server/src/core/map/renderMapSvg';
import { describeNode, isBroken, verbOf, type MapNode, type ServiceMap } from '../../server/src/core/map/serviceMap';
import type { ServiceMapResult } from '../../server/src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const canvas = document.getElementById('canvas')!;
const title = document.getElementById('title')!;
const summary = document.getElementById('summary')!;
const namespaces = document.getElementById('namespace') as HTMLSelectElement;
const links = document.getElementById('links')!;
const objects = document.getElementById('objects')!;

window.addEventListener('message', (event: MessageEvent<{ type: 'map'; map: ServiceMapResult } | { type: 'error'; message: string } | { type: 'focus'; nodeId: string }>) => {
  const message = event.data;
  if (message.type === 'map') show(message.map);
  else if (message.type === 'focus') {
    if (!focusNode(message.nodeId)) pendingFocus = message.nodeId;
  } else summary.textContent = `The map could not be made: ${message.message}`;
});

namespaces.addEventListener('change', () => vscode.postMessage({ type: 'namespace', namespace: namespaces.value || null }));

canvas.addEventListener('click', (event) => {
  const node = (event.target as Element).closest('[data-node]');
  if (node) open(node.getAttribute('data-node')!);
});
canvas.addEventListener('keydown', (event) => {
  const node = (event.target as Element).closest('[data-node]');
  if (!node) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    open(node.getAttribute('data-node')!);
    return;
  }
  const direction = ARROW_DIRECTIONS[event.key];
  if (!direction || !drawn) return;
  event.preventDefault();
  const next = nodeInDirection(drawn.map, drawn.layout, node.getAttribute('data-node')!, direction);
  if (next) focusNode(next);
});

/** The map on the page and its layout, for the arrow keys. */
let drawn: { map: ServiceMap; layout: MapLayout } | undefined;
/** A node to focus once the next map is drawn (the Service a CodeLens opened the map on). */
let pendingFocus: string | undefined;

function focusNode(nodeId: string): boolean {
  const element = canvas.querySelector(`[data-node="${CSS.escape(nodeId)}"]`) as SVGElement | null;
  if (!element) return false;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return true;
}

function open(nodeId: string): void {
  vscode.postMessage({ type: 'open', nodeId });
}

function show(result: ServiceMapResult): void {
  // the server sends buildServiceMap's graph with the sources moved out to `locations`
  const map = result as unknown as ServiceMap;
  const focused = document.activeElement?.getAttribute('data-node');
  const scroll = { left: canvas.scrollLeft, top: canvas.scrollTop };
  title.textContent = result.cluster ? `Service map: cluster ${result.cluster}` : 'Service map';
  fillNamespaces(result);
  const broken = map.edges.filter(isBroken).length;
  // a live region: set only when it changes, so a screen reader is not told the same after every keystroke
  const counts = `${map.nodes.length} objects, ${map.edges.length} links, ${broken} broken`;
  if (summary.textContent !== counts) summary.textContent = counts;
  if (map.nodes.length === 0) {
    canvas.innerHTML = '';
    drawn = undefined;
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = result.cluster === null ? 'This file belongs to no cluster kube-lookup reads.' : 'No Services, routes or workloads here.';
    canvas.append(empty);
  } else {
    // the SVG is built from escaped text only (renderMapSvg escapes every name, label and message)
    const layout = layoutMap(map);
    canvas.innerHTML = renderMapSvg(map, layout, { interactive: true });
    drawn = { map, layout };
  }
  canvas.scrollLeft = scroll.left;
  canvas.scrollTop = scroll.top;
  fillTextAlternative(map, result);
  if (pendingFocus && focusNode(pendingFocus)) pendingFocus = undefined;
  else if (focused) (canvas.querySelector(`[data-node="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus({ preventScroll: true });
}

function fillNamespaces(result: ServiceMapResult): void {
  const wanted = ['', ...result.namespaces];
  const current = [...namespaces.options].map((option) => option.value);
  if (wanted.join('\0') !== current.join('\0')) {
    namespaces.replaceChildren(...wanted.map((value) => new Option(value === '' ? 'all namespaces' : value, value)));
  }
  namespaces.value = result.namespace ?? '';
}

/** Every link and object as text, for screen readers and for reading the findings in full. */
function fillTextAlternative(map: ServiceMap, result: ServiceMapResult): void {
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  links.replaceChildren(...map.edges.map((edge) => {
    const item = document.createElement('li');
    if (isBroken(edge)) item.className = 'broken';
    item.append(nodeButton(byId.get(edge.from)!), ` ${verbOf(edge.kind)} `, nodeButton(byId.get(edge.to)!));
    if (edge.label) item.append(` (${edge.label})`);
    if (edge.denied) item.append(` — denied: ${edge.denied}`);
    for (const finding of edge.findings) item.append(` — ${finding.severity}: ${finding.message}`);
    return item;
  }));
  const unplaced = result.findings.map((finding) => {
    const item = document.createElement('li');
    item.className = 'broken';
    item.textContent = `${finding.severity}: ${finding.message} (${finding.ruleId})`;
    return item;
  });
  objects.replaceChildren(...map.nodes.map((node) => {
    const item = document.createElement('li');
    if (isBroken(node)) item.className = 'broken';
    item.append(nodeButton(node));
    if (node.details.length > 0) item.append(`: ${node.details.join('; ')}`);
    for (const finding of node.findings) item.append(` — ${finding.severity}: ${finding.message}`);
    return item;
  }), ...unplaced);
}

function nodeButton(node: MapNode): HTMLButtonElement {
  const button = document.createElement('button');
  button.className = 'link';
  button.textContent = describeNode(node);
  button.addEventListener('click', () => open(node.id));
  return button;
}


vscode.postMessage({ type: 'ready' });
