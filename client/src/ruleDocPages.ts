/**
 * The rule documentation pages the diagnostics link to, shown rendered in the editor: the language
 * server links each finding to `docs/rules/<rule>.md` of the installed package, which VS Code would
 * open as raw Markdown. The client links it to a page of its own scheme instead, which the rule
 * documentation editor renders. No `vscode` import: the mapping is tested on its own.
 */

/** The scheme of rendered rule pages; the path is `RULE_PAGES_FOLDER/<page>.md`. */
export const RULE_DOC_SCHEME = 'kube-lookup-rule';
/**
 * The folder of the pages in that scheme. The editor's pattern (package.json customEditors) holds a
 * `/`, so VS Code matches it against `<scheme>:<path>`: it takes these pages and no file.
 */
export const RULE_PAGES_FOLDER = '/kube-lookup-rules';

const PAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/;

/** The page a documentation link names (`<docs>/<page>.md`), or undefined for any other link. */
export function rulePageOf(linkPath: string, docsFolder: string): string | undefined {
  const folder = docsFolder.replace(/[\\/]+$/, '');
  const normalised = linkPath.replace(/\\/g, '/');
  const prefix = `${folder.replace(/\\/g, '/')}/`;
  if (!normalised.startsWith(prefix)) return undefined;
  const page = normalised.slice(prefix.length);
  return PAGE_NAME.test(page) ? page : undefined;
}

/** The page a path of the rule-page scheme shows. */
export function pageOfPath(path: string): string | undefined {
  const prefix = `${RULE_PAGES_FOLDER}/`;
  if (!path.startsWith(prefix)) return undefined;
  const page = path.slice(prefix.length);
  return PAGE_NAME.test(page) ? page : undefined;
}

/** Points the links of a rendered page to other pages (`yaml-syntax.md`, `README.md`) at `hrefOf(page)`. */
export function linkPages(html: string, hrefOf: (page: string) => string): string {
  return html.replace(/href="([^"#?:/]+\.md)(#[^"]*)?"/g, (whole, page: string) => (PAGE_NAME.test(page) ? `href="${escapeAttribute(hrefOf(page))}"` : whole));
}

/** The whole webview document around a rendered page: no scripts, styles from the theme. */
export function rulePageHtml(body: string, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} https: data:; style-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { font-family: var(--vscode-markdown-font-family, var(--vscode-font-family)); font-size: var(--vscode-markdown-font-size, 14px); line-height: 1.6; max-width: 880px; padding: 0 26px 40px; color: var(--vscode-foreground); }
  a { color: var(--vscode-textLink-foreground); }
  a:hover { color: var(--vscode-textLink-activeForeground); }
  code { font-family: var(--vscode-editor-font-family); font-size: 0.9em; }
  :not(pre) > code { background: var(--vscode-textPreformat-background); padding: 1px 4px; border-radius: 3px; }
  pre { background: var(--vscode-textCodeBlock-background); padding: 12px 16px; overflow-x: auto; border-radius: 3px; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.35)); padding: 4px 8px; text-align: left; vertical-align: top; }
  h1, h2 { border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.35)); padding-bottom: 0.3em; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
