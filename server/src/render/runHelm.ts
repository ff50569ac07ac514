import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultRenderLimits, type RenderLimits } from './runKustomize';
import { runWithLimits, type Outcome } from './runWithLimits';

/** How one chart is rendered: `helm template RELEASE CHART --namespace NAMESPACE [-f VALUES]…`. */
export interface HelmRelease {
  readonly release: string;
  readonly namespace: string;
  /** Values files given with `-f`, in order, over the chart's own values.yaml (which helm always reads). */
  readonly valuesFiles: readonly string[];
}

export type HelmTemplate = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: string };

/** The command line `renderHelmChart` runs, without the program: what the README and the tests show. */
export function helmTemplateArgs(chartFolder: string, release: HelmRelease): string[] {
  return ['template', release.release, path.resolve(chartFolder), '--namespace', release.namespace, ...release.valuesFiles.flatMap((file) => ['-f', path.resolve(file)])];
}

/**
 * Renders a chart with the user's helm. Nothing but `helm template` runs: no `--dependency-update`
 * (a chart missing a dependency is not rendered, see helmChart.ts), no post-renderer, no plugin
 * (`HELM_NO_PLUGINS`, and `HELM_PLUGINS` an empty folder). Helm's configuration, cache and data
 * folders (`HELM_CONFIG_HOME`, `HELM_CACHE_HOME`, `HELM_DATA_HOME`, and the repository and registry
 * files in them) are a fresh temporary folder, so no repository, registry login or plugin of the
 * user's is used; `KUBECONFIG` names no file, so no cluster is asked; HTTP(S) goes to an
 * unreachable proxy. The same time and size limits as Kustomize builds.
 */
export function renderHelmChart(helm: string, chartFolder: string, release: HelmRelease, limits: RenderLimits = defaultRenderLimits, messagesBase = process.cwd()): HelmTemplate {
  const { home, plugins } = helmHome();
  try {
    const result = spawnSync(helm, helmTemplateArgs(chartFolder, release), {
      encoding: 'utf8',
      timeout: limits.timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: limits.maxOutputBytes,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: helmEnvironment(home, plugins),
    });
    const error = result.error as NodeJS.ErrnoException | undefined;
    if (error?.code === 'ETIMEDOUT' || (result.signal === 'SIGKILL' && !error)) return helmOutcome('timeout', null, '', '', home, limits, messagesBase);
    if (error?.code === 'ENOBUFS') return helmOutcome('tooLarge', null, '', '', home, limits, messagesBase);
    if (error) return helmOutcome(`cannot run ${helm} (${error.code ?? error.message})`, null, '', '', home, limits, messagesBase);
    return helmOutcome('exited', result.status, result.stdout, result.stderr, home, limits, messagesBase);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/**
 * renderHelmChart for a caller that must keep answering meanwhile (the language server): the same
 * command line, environment and limits, helm run as a child process without blocking the event
 * loop; killed at the time limit or once its output is over the size limit.
 */
export async function renderHelmChartAsync(helm: string, chartFolder: string, release: HelmRelease, limits: RenderLimits = defaultRenderLimits, messagesBase = process.cwd()): Promise<HelmTemplate> {
  const { home, plugins } = helmHome();
  try {
    const { outcome, status, stdout, stderr } = await runWithLimits(helm, helmTemplateArgs(chartFolder, release), helmEnvironment(home, plugins), limits);
    return helmOutcome(outcome, status, stdout, stderr, home, limits, messagesBase);
  } finally {
    await fs.promises.rm(home, { recursive: true, force: true });
  }
}


/** A fresh temporary folder for helm's configuration, cache and data, with an empty plugins folder. */
function helmHome(): { home: string; plugins: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-helm-'));
  const plugins = path.join(home, 'plugins');
  fs.mkdirSync(plugins);
  return { home, plugins };
}

/** What a run of helm gave: its output, or why there is none (the same words whichever way it ran). */
function helmOutcome(outcome: Outcome, status: number | null, stdout: string, stderr: string, home: string, limits: RenderLimits, messagesBase: string): HelmTemplate {
  if (outcome === 'timeout') return { ok: false, error: `it ran over the time limit of ${limits.timeoutMs / 1000} s` };
  if (outcome === 'tooLarge') return { ok: false, error: `its output is over the limit of ${limits.maxOutputBytes / 1_000_000} MB` };
  if (outcome !== 'exited') return { ok: false, error: outcome };
  if (status !== 0) return { ok: false, error: helmMessage(stderr, home, messagesBase) };
  return { ok: true, output: stdout };
}

/** The user's environment less every `HELM_*` variable and `KUBECONFIG`, with helm's folders in `home`. */
export function helmEnvironment(home: string, plugins: string): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('HELM_') && name !== 'KUBECONFIG') environment[name] = value;
  const unreachable = 'http://127.0.0.1:9';
  return {
    ...environment,
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_PLUGINS: plugins,
    HELM_NO_PLUGINS: '1',
    HELM_REPOSITORY_CONFIG: path.join(home, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: path.join(home, 'cache', 'repository'),
    HELM_REGISTRY_CONFIG: path.join(home, 'config', 'registry', 'config.json'),
    KUBECONFIG: path.join(home, 'no-kubeconfig'),
    HTTP_PROXY: unreachable,
    HTTPS_PROXY: unreachable,
    http_proxy: unreachable,
    https_proxy: unreachable,
    NO_PROXY: '',
    no_proxy: '',
  };
}

/** Helm's own error on one line (`Error: …`), without the temporary folder or the current folder's path. */
function helmMessage(stderr: string, home: string, messagesBase: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const message = (lines.find((line) => line.startsWith('Error:')) ?? lines[lines.length - 1] ?? 'no message').replace(/^Error:\s*/, '');
  return message.split(home).join('<temporary folder>').split(`${messagesBase}${path.sep}`).join('');
}
