/**
 * Helm's rendered output: each document of `helm template` (and of `helm install --dry-run`) starts
 * with a `# Source: <chart>/templates/<file>` comment naming the template it came from, as Helm 3
 * prints it (`---`, then `# Source: …`, then the document). Subcharts show as
 * `<chart>/charts/<subchart>/templates/<file>`.
 */
export interface HelmSourceGroup {
  /** The path the `# Source:` comment gives, as written. */
  readonly source: string;
  /** The documents of that template, each with its `# Source:` line, joined with `---`. */
  readonly text: string;
}

/** The `# Source:` path of one rendered document: its first line that is not blank, when that is the comment. */
export function helmSourceOf(documentText: string): string | undefined {
  for (const line of documentText.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('# Source:')) return undefined;
    const source = trimmed.slice('# Source:'.length).trim();
    return source === '' ? undefined : source;
  }
  return undefined;
}

/** The documents of a rendered stream, as split at `---` lines (what precedes the first one included). */
export function renderedDocuments(output: string): string[] {
  return output.split(/^---[ \t]*\r?$\n?/m).filter((chunk) => chunk.trim() !== '').map((chunk) => (chunk.endsWith('\n') ? chunk : `${chunk}\n`));
}

/** Groups Helm's output by template, in the order the templates first appear; documents without a `# Source:` line go to `unsourced`. */
export function splitHelmOutput(output: string): { groups: HelmSourceGroup[]; unsourced: string[] } {
  const bySource = new Map<string, string[]>();
  const unsourced: string[] = [];
  for (const chunk of renderedDocuments(output)) {
    const source = helmSourceOf(chunk);
    if (source === undefined) unsourced.push(chunk);
    else bySource.set(source, [...(bySource.get(source) ?? []), chunk]);
  }
  return { groups: [...bySource].map(([source, chunks]) => ({ source, text: chunks.join('---\n') })), unsourced };
}

/**
 * The path a `# Source:` comment names, below the chart folder: Helm names the chart by its
 * `Chart.yaml` name, not by its folder, so the first segment is dropped
 * (`web/templates/svc.yaml` → `templates/svc.yaml`, `web/charts/db/templates/svc.yaml` → `charts/db/templates/svc.yaml`).
 */
export function pathInChart(source: string): string | undefined {
  const segments = source.split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '..' || segment === '')) return undefined;
  return segments.slice(1).join('/');
}
