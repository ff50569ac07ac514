/**
 * The page of the service map webview. Strict Content-Security-Policy: nothing loaded from
 * anywhere, the bundled script and the stylesheet inline and allowed by nonce; colours from the
 * VS Code theme.
 */
export function serviceMapHtml(options: { script: string; nonce: string }): string {
  const { script, nonce } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Service map</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <h1 id="title">Service map</h1>
  <label>Namespace <select id="namespace"><option value="">all namespaces</option></select></label>
  <span id="summary" role="status" aria-live="polite"></span>
</header>
<main id="canvas" aria-describedby="hint"></main>
<p id="hint" class="hint">Tab moves through the objects, the arrow keys along the links and up and down a column; Enter opens an object's manifest. Red marks a broken link; its tooltip and the list below say why.</p>
<details id="text-alternative">
  <summary>Links as a list</summary>
  <ul id="links"></ul>
  <h2>Objects</h2>
  <ul id="objects"></ul>
</details>
<script nonce="${nonce}">${script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>`;
}

const STYLE = `
body { padding: 0 12px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
header { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; padding: 8px 0; }
h1 { font-size: 1.2em; margin: 0; font-weight: 600; }
h2 { font-size: 1em; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 2px 4px; }
#summary { color: var(--vscode-descriptionForeground); }
.hint { color: var(--vscode-descriptionForeground); margin: 6px 0; }
#canvas { overflow: auto; border: 1px solid var(--vscode-panel-border, transparent); }
.service-map text { font-family: var(--vscode-font-family); fill: var(--vscode-foreground); font-size: 12px; }
.service-map .kind, .service-map .detail { fill: var(--vscode-descriptionForeground); font-size: 10.5px; }
.node { cursor: pointer; }
.node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888)); stroke-width: 1; }
.node-route rect { stroke: var(--vscode-charts-blue); }
.node-monitor rect { stroke: var(--vscode-charts-purple); }
.node-service rect { stroke: var(--vscode-charts-foreground, var(--vscode-foreground)); }
.node-workload rect { stroke: var(--vscode-charts-green); }
.node-containerPort rect { stroke: var(--vscode-charts-yellow); }
.node-external rect, .node-missing rect { stroke-dasharray: 4 3; fill: transparent; }
.node:hover rect { fill: var(--vscode-list-hoverBackground); }
.node:focus { outline: none; }
.node:focus rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
.edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.3; }
.node-autoscaler rect, .node-budget rect { stroke: var(--vscode-charts-orange); }
.edge-scrapes path, .edge-scales path, .edge-guards path { stroke-dasharray: 2 3; }
.edge-aliases path, .edge-intended path { stroke-dasharray: 6 3; }
.edge.denied path { stroke-dasharray: 10 4 2 4; }
.edge text { fill: var(--vscode-descriptionForeground); font-size: 10px; paint-order: stroke; stroke: var(--vscode-editor-background); stroke-width: 3px; }
.broken rect, .edge.broken path { stroke: var(--vscode-errorForeground); stroke-width: 2; }
.broken text, .edge.broken text { fill: var(--vscode-errorForeground); }
.arrow { fill: var(--vscode-descriptionForeground); }
.arrow-broken { fill: var(--vscode-errorForeground); }
#links li.broken, #objects li.broken { color: var(--vscode-errorForeground); }
button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; text-align: left; }
button.link:focus { outline: 1px solid var(--vscode-focusBorder); }
.empty { color: var(--vscode-descriptionForeground); padding: 16px; }
`;
