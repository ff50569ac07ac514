import { z } from 'zod';
import type { ConfiguredCluster } from './applyUnit';

/**
 * The `clusters:` setting: apply units named by hand, for what discovery cannot see (files applied
 * with a script, several namespaces' installs in one folder). Globs are relative to the folder of
 * the settings file; `settings` overrides analysis settings for that cluster only.
 */
export const configuredClustersSchema = z.array(z.strictObject({
  name: z.string().min(1, 'a cluster needs a name'),
  include: z.array(z.string()).default([]),
  exclude: z.array(z.string()).default([]),
  settings: z.record(z.string(), z.unknown()).default({}),
})).superRefine((clusters, context) => {
  const seen = new Set<string>();
  clusters.forEach((cluster, index) => {
    if (seen.has(cluster.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `cluster "${cluster.name}" is named twice` });
    seen.add(cluster.name);
    if ('rules' in cluster.settings || 'maxFileSize' in cluster.settings || 'maxDocuments' in cluster.settings || 'maxNestingDepth' in cluster.settings) {
      context.addIssue({ code: 'custom', path: [index, 'settings'], message: 'rules and file limits apply to the whole workspace, not to one cluster' });
    }
  });
});

export function parseConfiguredClusters(value: unknown): { clusters: ConfiguredCluster[]; error?: string } {
  const result = configuredClustersSchema.safeParse(value ?? []);
  if (result.success) return { clusters: result.data };
  const issue = result.error.issues[0];
  return { clusters: [], error: `clusters${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}: ${issue.message}` };
}
