import type { KustomizeTool } from './kustomizeTool';
import { buildRoots } from './buildPool';
import type { RenderLimits } from './runKustomize';

/** What the CLI hands the pool process on stdin (see buildRootsSync.ts). */
export interface PoolRequest {
  readonly rootFolders: readonly string[];
  readonly tool: KustomizeTool;
  readonly limits: RenderLimits;
  readonly concurrency: number;
}

/** One build as the pool process prints it. */
export type PoolResult = { readonly ok: true; readonly output: string; readonly wrapper: string } | { readonly ok: false; readonly error: string };

/**
 * The CLI reads its workspace synchronously; this process runs its builds in parallel for it:
 * the request comes as JSON on stdin, the builds go out as a JSON array on stdout, in order.
 */
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PoolRequest;
  const builds = await buildRoots(request.rootFolders, request.tool, request.limits, request.concurrency);
  const results: PoolResult[] = builds.map((build) => (build.ok ? { ok: true, output: build.output, wrapper: build.wrapper } : { ok: false, error: build.error }));
  process.stdout.write(JSON.stringify(results));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
