import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { defaultConcurrency } from './buildPool';
import type { PoolRequest, PoolResult } from './buildPoolProcess';
import type { KustomizeTool } from './kustomizeTool';
import { buildKustomization, defaultRenderLimits, restoredBuild, type KustomizeBuild, type RenderLimits } from './runKustomize';

/**
 * Builds Kustomize roots in parallel for a caller that cannot wait asynchronously (the CLI reads
 * its workspace in one go): a Node process of our own (buildPoolProcess.ts) runs `concurrency`
 * builds at a time, each under the limits, and hands the outputs back. One root is built here
 * directly. Results are in the order of the roots.
 */
export function buildRootsSync(rootFolders: readonly string[], tool: KustomizeTool, limits: RenderLimits = defaultRenderLimits, concurrency = defaultConcurrency()): KustomizeBuild[] {
  if (rootFolders.length === 0) return [];
  if (rootFolders.length === 1 || concurrency <= 1) return rootFolders.map((folder) => buildKustomization(folder, tool, limits));
  const request: PoolRequest = { rootFolders, tool, limits, concurrency };
  const rounds = Math.ceil(rootFolders.length / concurrency);
  const result = spawnSync(process.execPath, [path.join(__dirname, 'buildPoolProcess.js')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    // every build is limited already; this bounds the pool as a whole (JSON escapes grow the output a little)
    maxBuffer: rootFolders.length * (limits.maxOutputBytes * 2 + 100_000),
    timeout: rounds * limits.timeoutMs + 30_000,
    killSignal: 'SIGKILL',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.status !== 0 || result.error) {
    const why = result.error ? (result.error as NodeJS.ErrnoException).code ?? result.error.message : result.stderr.trim().split('\n')[0] || `exit ${result.status ?? result.signal}`;
    return rootFolders.map(() => ({ ok: false, error: `the parallel builds failed (${why})` }));
  }
  return (JSON.parse(result.stdout) as PoolResult[]).map((build) => (build.ok ? restoredBuild(build.output, build.wrapper) : build));
}
