import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EditorFigures } from './editorBench';
import { REQUEST_COUNT, type ServerFigures } from './serverBench';
import { generateWorkspace, type GeneratedWorkspace } from './generateWorkspace';
import { generateVariants } from './generateVariants';

/**
 * `npm run bench`: generates workspaces of each size, then measures whole processes — a cold
 * `kube-lookup lint` and, in the same run, the floor (js-yaml loadAll of the same files) — and
 * the editor path in-process at the core level. Prints a table with each target and the JSON.
 */

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const outRoot = path.join(repoRoot, 'out');

export interface BenchOptions {
  readonly sizes: readonly number[];
  /** Whole-process runs per size; the median is reported. */
  readonly runs: number;
  readonly timedEdits: number;
  readonly totalEdits: number;
  /** Edits sent to the language server over JSON-RPC (the first `timedEdits` are timed). */
  readonly serverEdits: number;
  /** Where workspaces are generated (git-ignored). */
  readonly workRoot: string;
  /** A workspace of Kustomize overlays over one base: how many overlays of how many applications. */
  readonly variants?: { readonly overlays: number; readonly apps: number };
}

/** Lint figures of the variant workspace, beside the lint of its base alone in the same run. */
export interface VariantFigures {
  readonly overlays: number;
  readonly apps: number;
  readonly files: number;
  readonly lintMs: number;
  readonly floorMs: number;
  readonly ratio: number;
  readonly baseLintMs: number;
  /** The variant lint over the base lint: each overlay checks the whole base once more. */
  readonly perBase: number;
  readonly lintPeakRssMb: number;
  readonly findingsCorrect: boolean;
  readonly findings: Readonly<Record<string, number>>;
  /** One lint that renders each overlay with kustomize, as `lint` does by default, with no build kept from before. */
  readonly renderedLintMs: number;
  /** Of that, the kustomize builds (all at once), hashing the inputs and the cache, and reading kustomize's output into the models. */
  readonly render: { readonly roots: number; readonly rendered: number; readonly buildMs: number; readonly cacheMs: number; readonly readMs: number };
  /** The same lint again, every build taken from the cache. */
  readonly cachedRenderedLintMs: number;
}

export interface SizeFigures {
  readonly apps: number;
  readonly files: number;
  readonly objects: number;
  readonly megabytes: number;
  readonly lintMs: number;
  readonly floorMs: number;
  readonly ratio: number;
  /** CPU time (user + system) of the same processes: steadier than wall time on a busy machine. */
  readonly lintCpuMs: number;
  readonly floorCpuMs: number;
  readonly cpuRatio: number;
  readonly lintPeakRssMb: number;
  readonly findingsCorrect: boolean;
  readonly findings: Readonly<Record<string, number>>;
  readonly expected: Readonly<Record<string, number>>;
  readonly editor: EditorFigures;
  readonly server: ServerFigures;
}

export interface BenchReport {
  readonly node: string;
  readonly cpus: number;
  readonly runs: number;
  readonly sizes: SizeFigures[];
  /** lint time of the largest size over that of the size a third of it, when both ran. */
  readonly growth?: { readonly from: number; readonly to: number; readonly ratio: number };
  readonly variants?: VariantFigures;
  readonly targets: readonly Target[];
}

export interface Target {
  readonly figure: string;
  readonly target: string;
  readonly value: number;
  readonly met: boolean;
}

export function runBench(options: BenchOptions, log: (line: string) => void = () => {}): BenchReport {
  const sizes: SizeFigures[] = [];
  for (const apps of options.sizes) {
    const workspace = generateWorkspace(path.join(options.workRoot, `apps-${apps}`), apps);
    log(`apps=${apps}: ${workspace.fileCount} files, ${workspace.objectCount} objects, ${(workspace.bytes / 1e6).toFixed(1)} MB`);
    const lintTimes: number[] = [];
    const floorTimes: number[] = [];
    const lintCpu: number[] = [];
    const floorCpu: number[] = [];
    const rss: number[] = [];
    let findings: Record<string, number> = {};
    // read every file once untimed: both are measured parsing, neither waiting for the disk
    timeFloor(workspace, options.workRoot);
    // alternate lint and floor so that both see the same machine load
    for (let run = 0; run < options.runs; run++) {
      const lint = timeLint(workspace, options.workRoot);
      lintTimes.push(lint.ms);
      lintCpu.push(lint.cpuMs);
      rss.push(lint.peakRssMb);
      findings = lint.findings;
      const floor = timeFloor(workspace, options.workRoot);
      floorTimes.push(floor.ms);
      floorCpu.push(floor.cpuMs);
      log(`  run ${run + 1}: lint ${lint.ms.toFixed(0)} ms (cpu ${lint.cpuMs.toFixed(0)} ms, ${lint.peakRssMb.toFixed(0)} MB), floor ${floor.ms.toFixed(0)} ms (cpu ${floor.cpuMs.toFixed(0)} ms)`);
    }
    const editor = measureEditorInFreshProcess(workspace, options);
    log(`  editor: index ${editor.indexMs.toFixed(0)} ms, edit p50 ${editor.editP50Ms.toFixed(2)} ms p95 ${editor.editP95Ms.toFixed(2)} ms (cpu p95 ${editor.editCpuP95Ms.toFixed(2)} ms)`);
    const server = measureInFreshProcess<ServerFigures>('serverBench.js', workspace, options, options.serverEdits);
    log(`  server: index ${server.indexMs.toFixed(0)} ms, edit p50 ${server.editP50Ms.toFixed(2)} ms p95 ${server.editP95Ms.toFixed(2)} ms (cpu p95 ${server.editCpuP95Ms.toFixed(2)} ms), hover p95 ${server.hoverP95Ms.toFixed(2)} ms, nslookup p95 ${server.nslookupP95Ms.toFixed(2)} ms`);
    const lintMs = median(lintTimes);
    const floorMs = median(floorTimes);
    const lintCpuMs = median(lintCpu);
    const floorCpuMs = median(floorCpu);
    sizes.push({
      apps, files: workspace.fileCount, objects: workspace.objectCount, megabytes: round(workspace.bytes / 1e6, 1),
      lintMs: round(lintMs, 0), floorMs: round(floorMs, 0), ratio: round(lintMs / floorMs, 2),
      lintCpuMs: round(lintCpuMs, 0), floorCpuMs: round(floorCpuMs, 0), cpuRatio: round(lintCpuMs / floorCpuMs, 2), lintPeakRssMb: round(median(rss), 0),
      findingsCorrect: sameCounts(findings, workspace.expected), findings, expected: workspace.expected,
      editor: roundFigures(editor),
      server: roundFigures(server),
    });
  }
  const variants = options.variants && measureVariants(options.variants.overlays, options.variants.apps, options, log);
  const targets = targetsOf(sizes, growthOf(sizes));
  if (variants) {
    targets.push({ figure: `findings of ${variants.overlays} overlays of ${variants.apps} apps`, target: 'exactly the planted ones, once', value: variants.findingsCorrect ? 1 : 0, met: variants.findingsCorrect });
    targets.push({ figure: `  lint / ${variants.overlays} × the base's lint`, target: '≤ 1.2', value: round(variants.perBase / variants.overlays, 2), met: variants.perBase / variants.overlays <= 1.2 });
  }
  return { node: process.version, cpus: os.cpus().length, runs: options.runs, sizes, growth: growthOf(sizes), variants, targets };
}

/** Lints the overlays workspace and its base alone, alternating, with the floor of the same files. */
function measureVariants(overlays: number, apps: number, options: BenchOptions, log: (line: string) => void): VariantFigures {
  const workspace = generateVariants(path.join(options.workRoot, `variants-${overlays}x${apps}`), apps, overlays);
  log(`variants: ${overlays} overlays of ${apps} apps, ${workspace.fileCount} files`);
  timeFloor(workspace, options.workRoot);
  const lint: number[] = [];
  const base: number[] = [];
  const floor: number[] = [];
  const rss: number[] = [];
  let findings: Record<string, number> = {};
  for (let run = 0; run < options.runs; run++) {
    // the cost of the units themselves; rendering (a kustomize build per overlay) is timed apart below
    const whole = timeLint(workspace, options.workRoot, ['--no-render']);
    lint.push(whole.ms);
    rss.push(whole.peakRssMb);
    findings = whole.findings;
    base.push(timeLint(workspace.base, options.workRoot, ['--no-render']).ms);
    floor.push(timeFloor(workspace, options.workRoot).ms);
    log(`  run ${run + 1}: lint ${whole.ms.toFixed(0)} ms (${whole.peakRssMb.toFixed(0)} MB), base alone ${base[base.length - 1].toFixed(0)} ms, floor ${floor[floor.length - 1].toFixed(0)} ms`);
  }
  // once, with each overlay built by the user's kustomize (kubectl kustomize), as `lint` does by default,
  // with a cache folder of its own: empty first (every root built), then holding every build
  const cache = { XDG_CACHE_HOME: path.join(options.workRoot, `render-cache-${process.pid}`) };
  fs.rmSync(cache.XDG_CACHE_HOME, { recursive: true, force: true });
  const rendered = timeLint(workspace, options.workRoot, [], cache);
  fs.rmSync(cache.XDG_CACHE_HOME, { recursive: true, force: true });
  const renderRun = measureProcess([path.join(outRoot, 'test', 'bench', 'renderBench.js'), workspace.root], options.workRoot, cache);
  if (renderRun.status !== 0) throw new Error(`renderBench failed: ${renderRun.stderr}`);
  const render = JSON.parse(renderRun.stdout) as VariantFigures['render'];
  const cachedRendered = timeLint(workspace, options.workRoot, [], cache);
  fs.rmSync(cache.XDG_CACHE_HOME, { recursive: true, force: true });
  log(`  rendered: lint ${rendered.ms.toFixed(0)} ms; ${render.rendered} of ${render.roots} roots built in ${render.buildMs} ms, output read in ${render.readMs} ms; again from the cache: lint ${cachedRendered.ms.toFixed(0)} ms`);
  const lintMs = median(lint);
  const baseLintMs = median(base);
  const floorMs = median(floor);
  return {
    overlays, apps, files: workspace.fileCount, lintMs: round(lintMs, 0), floorMs: round(floorMs, 0), ratio: round(lintMs / floorMs, 2), renderedLintMs: round(rendered.ms, 0),
    render: { roots: render.roots, rendered: render.rendered, buildMs: round(render.buildMs, 0), cacheMs: round(render.cacheMs, 0), readMs: round(render.readMs, 0) }, cachedRenderedLintMs: round(cachedRendered.ms, 0),
    baseLintMs: round(baseLintMs, 0), perBase: round(lintMs / baseLintMs, 2), lintPeakRssMb: round(median(rss), 0),
    findingsCorrect: sameCounts(findings, workspace.expected), findings,
  };
}

/** Runs a script in a fresh Node process: its wall time, and the CPU time and peak RSS it reports at exit. */
function measureProcess(args: readonly string[], workRoot: string, env: NodeJS.ProcessEnv = {}): { ms: number; cpuMs: number; peakRssMb: number; status: number | null; stdout: string; stderr: string } {
  const usageFile = path.join(workRoot, `usage-${process.pid}.json`);
  const began = performance.now();
  const result = spawnSync(process.execPath, ['--require', path.join(outRoot, 'test', 'bench', 'processUsage.js'), ...args], {
    encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env, KUBE_LOOKUP_BENCH_USAGE: usageFile },
  });
  const ms = performance.now() - began;
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuMs: number };
  fs.rmSync(usageFile, { force: true });
  return { ms, cpuMs: usage.cpuMs, peakRssMb: usage.maxRssKb / 1024, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function timeLint(workspace: GeneratedWorkspace, workRoot: string, extraArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): { ms: number; cpuMs: number; peakRssMb: number; findings: Record<string, number> } {
  const run = measureProcess([path.join(outRoot, 'server', 'src', 'cli', 'main.js'), 'lint', workspace.root, '--format', 'json', ...extraArgs], workRoot, env);
  if (run.status !== 0 && run.status !== 1) throw new Error(`lint failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
  const findings: Record<string, number> = {};
  for (const finding of report.findings) findings[finding.ruleId] = (findings[finding.ruleId] ?? 0) + 1;
  return { ms: run.ms, cpuMs: run.cpuMs, peakRssMb: run.peakRssMb, findings };
}

function timeFloor(workspace: GeneratedWorkspace, workRoot: string): { ms: number; cpuMs: number } {
  const run = measureProcess([path.join(outRoot, 'test', 'bench', 'jsYamlFloor.js'), workspace.root], workRoot);
  if (run.status !== 0) throw new Error(`js-yaml floor failed: ${run.stderr}`);
  return { ms: run.ms, cpuMs: run.cpuMs };
}

function measureEditorInFreshProcess(workspace: GeneratedWorkspace, options: BenchOptions): EditorFigures {
  return measureInFreshProcess<EditorFigures>('editorBench.js', workspace, options, options.totalEdits);
}

/** Runs one of the in-process benches (`<script> <workspace.json> <timed> <total>`) in a fresh Node process. */
function measureInFreshProcess<F>(script: string, workspace: GeneratedWorkspace, options: BenchOptions, totalEdits: number): F {
  const description = path.join(options.workRoot, `workspace-${process.pid}.json`);
  fs.writeFileSync(description, JSON.stringify(workspace));
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(outRoot, 'test', 'bench', script), description, String(options.timedEdits), String(totalEdits)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  fs.rmSync(description, { force: true });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as F;
}

function growthOf(sizes: readonly SizeFigures[]): BenchReport['growth'] {
  const largest = sizes[sizes.length - 1];
  const third = largest && sizes.find((size) => size.apps * 3 === largest.apps);
  return third ? { from: third.apps, to: largest.apps, ratio: round(largest.lintMs / third.lintMs, 2) } : undefined;
}

/** The targets, judged on the figures of this run. */
function targetsOf(sizes: readonly SizeFigures[], growth: BenchReport['growth']): Target[] {
  const targets: Target[] = [];
  const at = (apps: number) => sizes.find((size) => size.apps === apps);
  const reference = at(10_000) ?? sizes[sizes.length - 1];
  const small = at(1_000) ?? sizes[0];
  if (!reference) return targets;
  const label = `${reference.apps} apps`;
  for (const size of sizes) targets.push({ figure: `findings of ${size.apps} apps`, target: 'exactly the planted ones', value: size.findingsCorrect ? 1 : 0, met: size.findingsCorrect });
  targets.push({ figure: `cold lint / js-yaml floor, ${label}`, target: '≤ 3', value: reference.ratio, met: reference.ratio <= 3 });
  targets.push({ figure: `  the same in CPU time`, target: '≤ 3', value: reference.cpuRatio, met: reference.cpuRatio <= 3 });
  if (growth) targets.push({ figure: `lint ${growth.to} / ${growth.from} apps`, target: '≤ 3.3', value: growth.ratio, met: growth.ratio <= 3.3 });
  targets.push({ figure: `edit p95, ${label} (ms)`, target: '≤ 15', value: reference.editor.editP95Ms, met: reference.editor.editP95Ms <= 15 });
  targets.push({ figure: `  the same in CPU time (ms)`, target: '≤ 15', value: reference.editor.editCpuP95Ms, met: reference.editor.editCpuP95Ms <= 15 });
  if (small !== reference) {
    const ratio = round(reference.editor.editP95Ms / small.editor.editP95Ms, 2);
    targets.push({ figure: `edit p95 ${reference.apps} / ${small.apps} apps`, target: '≤ 1.5', value: ratio, met: ratio <= 1.5 });
    const cpuRatio = round(reference.editor.editCpuP95Ms / small.editor.editCpuP95Ms, 2);
    targets.push({ figure: `  the same in CPU time`, target: '≤ 1.5', value: cpuRatio, met: cpuRatio <= 1.5 });
  }
  const server = reference.server;
  targets.push({ figure: `server: edit → diagnostics p95, ${label} (ms)`, target: '≤ 15', value: server.editP95Ms, met: server.editP95Ms <= 15 });
  targets.push({ figure: `  the same in CPU time (ms)`, target: '≤ 15', value: server.editCpuP95Ms, met: server.editCpuP95Ms <= 15 });
  if (small !== reference) {
    const ratio = round(server.editP95Ms / small.server.editP95Ms, 2);
    targets.push({ figure: `server: edit p95 ${reference.apps} / ${small.apps} apps`, target: '≤ 1.5', value: ratio, met: ratio <= 1.5 });
    const cpuRatio = round(server.editCpuP95Ms / small.server.editCpuP95Ms, 2);
    targets.push({ figure: `  the same in CPU time`, target: '≤ 1.5', value: cpuRatio, met: cpuRatio <= 1.5 });
  }
  targets.push({ figure: `server: diagnostics of a file opened at start, ${label} (ms)`, target: 'before indexing ends', value: server.openedFileMs, met: server.openedFileBeforeIndexed });
  targets.push({ figure: `server: hover p95, ${label} (ms)`, target: '≤ 2', value: server.hoverP95Ms, met: server.hoverP95Ms <= 2 });
  targets.push({ figure: `server: nslookup p95, ${label} (ms)`, target: '≤ 2', value: server.nslookupP95Ms, met: server.nslookupP95Ms <= 2 });
  const serverDrift = round(server.rssAfterAllEditsMb / server.rssAfter100EditsMb, 2);
  targets.push({ figure: `server: RSS after ${server.totalEdits} / after 100 edits, ${label}`, target: '≤ 1.1', value: serverDrift, met: serverDrift <= 1.1 });
  const serverHeapDrift = round(server.heapAfterAllEditsMb / server.heapAfter100EditsMb, 2);
  targets.push({ figure: `  the same for the JS heap in use`, target: '≤ 1.1', value: serverHeapDrift, met: serverHeapDrift <= 1.1 });
  targets.push({ figure: `lint peak RSS, ${label} (MB)`, target: '≤ 300', value: reference.lintPeakRssMb, met: reference.lintPeakRssMb <= 300 });
  const drift = round(reference.editor.rssAfterAllEditsMb / reference.editor.rssAfter100EditsMb, 2);
  targets.push({ figure: `RSS after ${reference.editor.totalEdits} / after 100 edits, ${label}`, target: '≤ 1.1', value: drift, met: drift <= 1.1 });
  const heapDrift = round(reference.editor.heapAfterAllEditsMb / reference.editor.heapAfter100EditsMb, 2);
  targets.push({ figure: `  the same for the JS heap in use`, target: '≤ 1.1', value: heapDrift, met: heapDrift <= 1.1 });
  return targets;
}

export function formatTable(report: BenchReport): string {
  const rows = [['apps', 'files', 'objects', 'MB', 'lint ms', 'floor ms', 'ratio', 'cpu ratio', 'peak RSS MB', 'findings', 'index ms', 'edit p50', 'edit p95', 'cpu p95', 'RSS idx', 'RSS 100', 'RSS all', 'heap 100', 'heap all']];
  for (const size of report.sizes) {
    rows.push([size.apps, size.files, size.objects, size.megabytes, size.lintMs, size.floorMs, size.ratio, size.cpuRatio, size.lintPeakRssMb, size.findingsCorrect ? 'ok' : 'WRONG',
      size.editor.indexMs, size.editor.editP50Ms, size.editor.editP95Ms, size.editor.editCpuP95Ms, size.editor.rssAfterIndexMb, size.editor.rssAfter100EditsMb, size.editor.rssAfterAllEditsMb, size.editor.heapAfter100EditsMb, size.editor.heapAfterAllEditsMb].map(String));
  }
  const serverRows = [['apps', 'index ms', 'opened file ms', 'edit p50', 'edit p95', 'cpu p95', 'hover p50', 'hover p95', 'nslookup p50', 'nslookup p95', 'RSS idx', 'RSS 100', 'RSS all', 'heap 100', 'heap all']];
  for (const { apps, server } of report.sizes) {
    serverRows.push([apps, server.indexMs, server.openedFileMs, server.editP50Ms, server.editP95Ms, server.editCpuP95Ms, server.hoverP50Ms, server.hoverP95Ms, server.nslookupP50Ms, server.nslookupP95Ms, server.rssAfterIndexMb, server.rssAfter100EditsMb, server.rssAfterAllEditsMb, server.heapAfter100EditsMb, server.heapAfterAllEditsMb].map(String));
  }
  const lines = [aligned(rows), '', 'Language server, in-process over JSON-RPC:', aligned(serverRows)];
  const variants = report.variants;
  if (variants) {
    lines.push('', 'Variants: Kustomize overlays over one base (each overlay an apply unit):', aligned([
      ['overlays', 'apps', 'files', 'lint ms', 'floor ms', 'ratio', 'base alone ms', 'lint / base', 'peak RSS MB', 'findings'],
      [variants.overlays, variants.apps, variants.files, variants.lintMs, variants.floorMs, variants.ratio, variants.baseLintMs, variants.perBase, variants.lintPeakRssMb, variants.findingsCorrect ? 'ok' : 'WRONG'].map(String),
    ]), '', `Rendered (each overlay built by kustomize, ${os.availableParallelism()} at a time):`, aligned([
      ['rendered lint ms', 'roots', 'rendered', 'builds ms', 'hash+cache ms', 'read output ms', 'again, cached, ms'],
      [variants.renderedLintMs, variants.render.roots, variants.render.rendered, variants.render.buildMs, variants.render.cacheMs, variants.render.readMs, variants.cachedRenderedLintMs].map(String),
    ]));
  }
  lines.push('', aligned([['figure', 'value', 'target', ''], ...report.targets.map((target) => [target.figure, String(target.value), target.target, target.met ? 'met' : 'MISSED'])]));
  if (report.sizes.length > 0) lines.push('', `Whole-process lint and floor: median of ${report.runs} runs. Editor figures: core level, in-process, ${report.sizes[0].editor.timedEdits} timed edits of ${report.sizes[0].editor.totalEdits}; server: ${report.sizes[0].server.timedEdits} timed edits of ${report.sizes[0].server.totalEdits}, ${REQUEST_COUNT} hovers and nslookups.`);
  return lines.join('\n');
}

function aligned(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

function sameCounts(actual: Readonly<Record<string, number>>, expected: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...keys].every((key) => (actual[key] ?? 0) === (expected[key] ?? 0));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Latencies to 0.01 ms; whole-workspace times (indexing, the file opened at start) and sizes to units. */
function roundFigures<F extends object>(figures: F): F {
  const wholeWorkspace = (key: string): boolean => key.startsWith('index') || key.startsWith('openedFile');
  return Object.fromEntries(Object.entries(figures).map(([key, value]: [string, unknown]) => [key, typeof value !== 'number' ? value : key.endsWith('Ms') && !wholeWorkspace(key) ? round(value, 2) : round(value, 0)])) as F;
}

/** `--variants OVERLAYSxAPPS`, or `none`. */
function variantsOption(value: string): BenchOptions['variants'] {
  if (value === 'none') return undefined;
  const [overlays, apps] = value.split('x').map(Number);
  return { overlays, apps };
}

function optionOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

// npm run bench [-- --sizes 1000,10000,30000 --runs 5 --edits 10000 --server-edits 10000 --variants 10x1000 --json FILE]
if (require.main === module) {
  const argv = process.argv.slice(2);
  const options: BenchOptions = {
    sizes: (optionOf(argv, 'sizes') ?? '1000,10000,30000').split(',').map(Number),
    runs: Number(optionOf(argv, 'runs') ?? 5),
    timedEdits: 200,
    totalEdits: Number(optionOf(argv, 'edits') ?? 10_000),
    serverEdits: Number(optionOf(argv, 'server-edits') ?? 10_000),
    workRoot: path.join(repoRoot, '.work', 'bench'),
    variants: variantsOption(optionOf(argv, 'variants') ?? '10x1000'),
  };
  fs.mkdirSync(options.workRoot, { recursive: true });
  const report = runBench(options, (line) => process.stderr.write(`${line}\n`));
  const json = JSON.stringify(report, null, 2);
  fs.writeFileSync(optionOf(argv, 'json') ?? path.join(options.workRoot, 'results.json'), `${json}\n`);
  process.stdout.write(`${formatTable(report)}\n\n${json}\n`);
}
