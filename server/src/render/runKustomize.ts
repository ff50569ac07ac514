import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KustomizeTool } from './kustomizeTool';
import { runWithLimits, type Outcome } from './runWithLimits';

/** Limits of one build: kustomize runs on configuration from the workspace. */
export interface RenderLimits {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
}

export const defaultRenderLimits: RenderLimits = { timeoutMs: 20_000, maxOutputBytes: 20_000_000 };

export type KustomizeBuild =
  | { readonly ok: true; readonly output: string; readonly wrapper: string; readonly resolveOrigin: (originPath: string) => string }
  | { readonly ok: false; readonly error: string };

/**
 * Builds the kustomization in `rootFolder` with origin annotations. The user's files are never
 * edited: a wrapper kustomization in a fresh temporary folder lists the root folder as its only
 * resource and adds `buildMetadata: [originAnnotations]`, so each object carries
 * `config.kubernetes.io/origin` naming the file it came from (relative to the wrapper's folder).
 * The root is named by a relative path: Kustomize 5.5 refuses an absolute one ("new root … cannot
 * be absolute"), but loads a folder outside the wrapper's folder under its default load restrictor
 * (which restricts files only), so the restrictor is left as the user would have it. (On Windows, a
 * root on another drive than the temporary folder has no relative path and fails to build.)
 * No plugin, exec function or helm is enabled; the network is cut off through an unreachable proxy
 * (remote roots are not built at all, this guards what the discovery did not recognise as remote).
 */
export function buildKustomization(rootFolder: string, tool: KustomizeTool, limits: RenderLimits = defaultRenderLimits): KustomizeBuild {
  const { wrapper, root, args, env } = writeWrapper(rootFolder, tool);
  try {
    const result = spawnSync(tool.command, args, {
      encoding: 'utf8',
      timeout: limits.timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: limits.maxOutputBytes,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    const error = result.error as NodeJS.ErrnoException | undefined;
    const outcome: Outcome = error?.code === 'ETIMEDOUT' || (result.signal === 'SIGKILL' && !error) ? 'timeout' : error?.code === 'ENOBUFS' ? 'tooLarge' : error ? `cannot run ${tool.command} (${error.code ?? error.message})` : 'exited';
    return interpret(outcome, result.status, result.stdout, result.stderr, { wrapper, root, tool, limits });
  } finally {
    fs.rmSync(wrapper, { recursive: true, force: true });
  }
}

/**
 * The same build as buildKustomization, run off the event loop: the language server keeps
 * answering while kustomize works, and several builds can run at once (see buildPool.ts). The
 * limits are kept the same way: over the time limit or the output limit, kustomize is killed.
 * Paths in kustomize's error are given relative to `messagesBase` (the editor's workspace folder).
 */
export async function buildKustomizationAsync(rootFolder: string, tool: KustomizeTool, limits: RenderLimits = defaultRenderLimits, messagesBase = process.cwd()): Promise<KustomizeBuild> {
  const { wrapper, root, args, env } = writeWrapper(rootFolder, tool);
  try {
    const { outcome, status, stdout, stderr } = await runWithLimits(tool.command, args, env, limits);
    return interpret(outcome, status, stdout, stderr, { wrapper, root, tool, limits, base: messagesBase });
  } finally {
    await fs.promises.rm(wrapper, { recursive: true, force: true });
  }
}


/** A build restored from what was kept of it (see renderCache.ts): origins resolve against the wrapper it ran in. */
export function restoredBuild(output: string, wrapper: string): KustomizeBuild {
  return { ok: true, output, wrapper, resolveOrigin: (originPath) => path.resolve(wrapper, originPath) };
}

/** The wrapper kustomization, in a fresh temporary folder; the arguments and environment to build it with. */
function writeWrapper(rootFolder: string, tool: KustomizeTool): { wrapper: string; root: string; args: string[]; env: NodeJS.ProcessEnv } {
  const wrapper = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-render-'));
  const root = path.resolve(rootFolder);
  const relative = path.relative(wrapper, root).split(path.sep).join('/');
  fs.writeFileSync(path.join(wrapper, 'kustomization.yaml'), `# written by kube-lookup to build ${JSON.stringify(root)} with origin annotations\nresources:\n- ${JSON.stringify(relative)}\nbuildMetadata: [originAnnotations]\n`);
  const unreachable = 'http://127.0.0.1:9';
  const env = { ...process.env, HTTP_PROXY: unreachable, HTTPS_PROXY: unreachable, http_proxy: unreachable, https_proxy: unreachable, NO_PROXY: '', no_proxy: '', GIT_TERMINAL_PROMPT: '0' };
  return { wrapper, root, args: [...tool.args, wrapper], env };
}

function interpret(outcome: Outcome, status: number | null, stdout: string, stderr: string, run: { wrapper: string; root: string; tool: KustomizeTool; limits: RenderLimits; base?: string }): KustomizeBuild {
  if (outcome === 'timeout') return { ok: false, error: `it ran over the time limit of ${run.limits.timeoutMs / 1000} s` };
  if (outcome === 'tooLarge') return { ok: false, error: `its output is over the limit of ${run.limits.maxOutputBytes / 1_000_000} MB` };
  if (outcome !== 'exited') return { ok: false, error: outcome };
  if (status !== 0) return { ok: false, error: kustomizeMessage(stderr, run.wrapper, run.root, run.base ?? process.cwd()) };
  return restoredBuild(stdout, run.wrapper);
}

/**
 * Kustomize's own error, on one line. Kustomize wraps the cause in one `accumulating resources`
 * layer per kustomization it went through; the innermost is what the user has to fix. Paths are
 * given relative to the current folder, the temporary wrapper's never.
 */
function kustomizeMessage(stderr: string, wrapper: string, root: string, base: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('# Warning'));
  let message = lines.find((line) => line.startsWith('Error:')) ?? lines[lines.length - 1] ?? 'no message';
  // kubectl logs `E1204 … run.go:72] "command failed" err="…"`
  const logged = /err="(.*)"$/.exec(message);
  if (logged) message = logged[1].replace(/\\"/g, '"');
  message = message.replace(/^Error:\s*/, '');
  const innermost = message.lastIndexOf("accumulation err='");
  if (innermost >= 0) message = message.slice(innermost + "accumulation err='".length);
  const relative = path.relative(wrapper, root).split(path.sep).join('/');
  const here = `${base}${path.sep}`;
  message = message.split(wrapper).join('<wrapper>').split(relative).join(path.relative(base, root) || '.').split(here).join('');
  // the outer layer is the wrapper accumulating the root itself: no news to the user
  return message.replace(/^accumulating resources from '([^']*)': '\1' must resolve to a file': (?:recursed accumulation of path '\1': )?/, '');
}
