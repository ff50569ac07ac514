import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';

/** What rendering needs from a chart's `Chart.yaml` (and a Helm 2 chart's `requirements.yaml`). */
export interface HelmChartFacts {
  readonly name?: string;
  readonly type?: string;
  /** Dependencies by name (their `alias` is how templates see them, not how charts/ holds them). */
  readonly dependencies: readonly string[];
}

export function readChartFacts(chartFolder: string): HelmChartFacts {
  const chart = record(readYaml(path.join(chartFolder, 'Chart.yaml')));
  const requirements = record(readYaml(path.join(chartFolder, 'requirements.yaml')));
  const listed = [...list(chart.dependencies), ...list(requirements.dependencies)];
  const dependencies = listed.map((entry) => record(entry).name).filter((name): name is string => typeof name === 'string' && name !== '');
  return { name: typeof chart.name === 'string' ? chart.name : undefined, type: typeof chart.type === 'string' ? chart.type : undefined, dependencies: [...new Set(dependencies)] };
}

/**
 * The first dependency the chart's `charts/` folder does not hold: neither a folder whose
 * `Chart.yaml` has that name (or that is named so) nor an archive `<name>-<version>.tgz`. Helm
 * refuses to render such a chart, and fetching it is `helm dependency build`, over the network.
 */
export function missingDependency(chartFolder: string, facts: HelmChartFacts): string | undefined {
  if (facts.dependencies.length === 0) return undefined;
  const folder = path.join(chartFolder, 'charts');
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    // no charts/ folder: every dependency is missing
  }
  const present = new Set<string>();
  for (const entry of entries) {
    if (entry.isDirectory()) {
      present.add(entry.name);
      const name = record(readYaml(path.join(folder, entry.name, 'Chart.yaml'))).name;
      if (typeof name === 'string') present.add(name);
    } else if (/\.tgz$/.test(entry.name)) {
      // `redis-19.6.4.tgz`: the name is what precedes the version
      const archive = /^(.+?)-v?\d[^/]*\.tgz$/.exec(entry.name);
      present.add(archive ? archive[1] : entry.name.slice(0, -'.tgz'.length));
    }
  }
  return facts.dependencies.find((name) => !present.has(name));
}

const MAX_CHART_FILE_BYTES = 1_000_000;

function readYaml(file: string): unknown {
  try {
    if (fs.statSync(file).size > MAX_CHART_FILE_BYTES) return undefined;
    return parsePlainYaml(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
