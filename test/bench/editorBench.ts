import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterModel } from '../../server/src/core/model/clusterModel';
import { LintSession } from '../../server/src/core/rules/lintSession';
import { defaultSettings } from '../../server/src/core/settings';
import { holdHeapGrowthForEditing } from '../../server/src/lsp/heapGrowth';
import { typo, type GeneratedApp, type GeneratedWorkspace } from './generateWorkspace';

/**
 * What the editor path does, measured in-process at the core level: index a workspace (model and
 * lint of every file), then edit one file at a time and bring every affected file's findings up to
 * date. The language server adds its transport on top of exactly these calls.
 */
export interface EditorFigures {
  /** Changes the model went through (files indexed plus edits). */
  readonly changes: number;
  readonly indexMs: number;
  readonly editP50Ms: number;
  readonly editP95Ms: number;
  /** The same edits in CPU time of this process: what they cost, without waiting for the processor. */
  readonly editCpuP50Ms: number;
  readonly editCpuP95Ms: number;
  readonly timedEdits: number;
  readonly totalEdits: number;
  readonly rssAfterIndexMb: number;
  readonly rssAfter100EditsMb: number;
  readonly rssAfterAllEditsMb: number;
  /** JavaScript heap in use (after a full GC) at the same two points: what the model holds, without V8's and malloc's spare pages. */
  readonly heapAfter100EditsMb: number;
  readonly heapAfterAllEditsMb: number;
}

/** One edit and its undo, with what the findings must say after each. */
export interface EditPair {
  readonly file: string;
  readonly original: string;
  readonly edited: string;
  /** The file whose findings the edit changes (may be another file than the edited one). */
  readonly watched: string;
  readonly ruleId: string;
  /** Findings of ruleId in `watched` before the edit and after it. */
  readonly before: number;
  readonly after: number;
}

export function measureEditor(workspace: GeneratedWorkspace, options: { timedEdits: number; totalEdits: number }): EditorFigures {
  const texts = new Map<string, string>();
  for (const app of workspace.apps) for (const file of app.files) texts.set(path.join(workspace.root, file), fs.readFileSync(path.join(workspace.root, file), 'utf8'));

  const start = performance.now();
  const session = new LintSession(new ClusterModel(defaultSettings));
  for (const [file, text] of texts) session.model.setFile(file, text);
  session.lintAll();
  const indexMs = performance.now() - start;
  const rssAfterIndexMb = residentMb();
  // as the language server does once a workspace is indexed
  holdHeapGrowthForEditing();

  const pairs = editPairs(workspace, texts);
  const durations: number[] = [];
  const cpuDurations: number[] = [];
  let rssAfter100EditsMb = 0;
  let heapAfter100EditsMb = 0;
  for (let edit = 0; edit < options.totalEdits; edit++) {
    const pair = pairs[(edit >> 1) % pairs.length];
    const applying = edit % 2 === 0;
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    session.setFile(pair.file, applying ? pair.edited : pair.original);
    const took = performance.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    if (edit < options.timedEdits) {
      durations.push(took);
      cpuDurations.push((cpu.user + cpu.system) / 1000);
      const count = session.findings(pair.watched).filter((finding) => finding.ruleId === pair.ruleId).length;
      const wanted = applying ? pair.after : pair.before;
      if (count !== wanted) throw new Error(`after edit ${edit} of ${pair.file}: ${pair.watched} has ${count} ${pair.ruleId} findings, expected ${wanted}`);
    }
    if (edit + 1 === 100) {
      rssAfter100EditsMb = residentMb();
      heapAfter100EditsMb = heapMb();
    }
  }
  durations.sort((a, b) => a - b);
  cpuDurations.sort((a, b) => a - b);
  // measured while the session is still in use: after its last use V8 may collect it
  const rssAfterAllEditsMb = residentMb();
  const heapAfterAllEditsMb = heapMb();
  return {
    changes: session.model.generation,
    indexMs,
    ...editLatencies(durations, cpuDurations, options),
    rssAfterIndexMb,
    rssAfter100EditsMb,
    rssAfterAllEditsMb,
    heapAfter100EditsMb,
    heapAfterAllEditsMb,
  };
}

/** The edit percentiles of sorted wall and CPU durations, and how many edits were timed of how many. */
export function editLatencies(durations: readonly number[], cpuDurations: readonly number[], options: { timedEdits: number; totalEdits: number }) {
  return {
    editP50Ms: percentile(durations, 0.5),
    editP95Ms: percentile(durations, 0.95),
    editCpuP50Ms: percentile(cpuDurations, 0.5),
    editCpuP95Ms: percentile(cpuDurations, 0.95),
    timedEdits: Math.min(options.timedEdits, options.totalEdits),
    totalEdits: options.totalEdits,
  };
}

/**
 * Edits that change findings, half of them across files: renaming a headless Service that Pods in
 * another file point at, relabelling a Deployment that a Service in another file selects, a typo in
 * an Endpoints name, and a change of replicas that changes no finding.
 */
export function editPairs(workspace: GeneratedWorkspace, texts: Map<string, string>): EditPair[] {
  const pairs: EditPair[] = [];
  const fileOf = (app: GeneratedApp, name: string) => path.join(workspace.root, app.files.find((file) => path.basename(file) === name)!);
  const clean = workspace.apps.filter((app) => !app.mistake);
  for (let index = 0; index < clean.length && pairs.length < 400; index++) {
    const app = clean[index];
    const { name } = app;
    if (app.shape === 'pods') {
      const file = fileOf(app, 'service.yaml');
      const original = texts.get(file)!;
      pairs.push({ file, original, edited: replaceOnce(original, `  name: ${name}\n`, `  name: ${name}-v2\n`), watched: fileOf(app, 'pods.yaml'), ruleId: 'subdomain-without-headless-service', before: 0, after: 2 });
    } else if (app.shape === 'web' && index % 3 === 0) {
      const file = fileOf(app, 'deployment.yaml');
      const original = texts.get(file)!;
      pairs.push({ file, original, edited: replaceOnce(original, `      labels:\n        app: ${name}\n`, `      labels:\n        app: ${name}-canary\n`), watched: fileOf(app, 'service.yaml'), ruleId: 'service-selector-matches-nothing', before: 0, after: 1 });
    } else if (app.shape === 'web') {
      const file = fileOf(app, 'deployment.yaml');
      const original = texts.get(file)!;
      pairs.push({ file, original, edited: original.replace(/replicas: (\d+)/, (_, n: string) => `replicas: ${Number(n) + 1}`), watched: fileOf(app, 'service.yaml'), ruleId: 'service-selector-matches-nothing', before: 0, after: 0 });
    } else if (app.shape === 'legacy') {
      const file = fileOf(app, 'external.yaml');
      const original = texts.get(file)!;
      pairs.push({ file, original, edited: replaceOnce(original, `kind: Endpoints\nmetadata:\n  name: ${name}\n`, `kind: Endpoints\nmetadata:\n  name: ${typo(name)}\n`), watched: file, ruleId: 'endpoints-without-service', before: 0, after: 1 });
    }
  }
  // spread the edits over the workspace rather than its first namespace
  return pairs.map((_, index) => pairs[(index * 7919) % pairs.length]);
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`generated text lacks ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function residentMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

// `node --expose-gc editorBench.js <workspace.json> <timed> <total>`: one size in a fresh process
if (require.main === module) {
  const workspace = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as GeneratedWorkspace;
  const figures = measureEditor(workspace, { timedEdits: Number(process.argv[3]), totalEdits: Number(process.argv[4]) });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
