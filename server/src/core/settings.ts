import { z } from 'zod';
import { MAX_NESTING_DEPTH } from './yaml/parseManifestFile';

export const severitySchema = z.enum(['error', 'warning', 'info', 'hint', 'off']);
export type SeveritySetting = z.infer<typeof severitySchema>;
export type Severity = Exclude<SeveritySetting, 'off'>;

/** Everything that changes what the analysis concludes. The CLI and the editor read the same shape. */
export const analysisSettingsSchema = z.strictObject({
  clusterDomain: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be a DNS domain such as cluster.local').default('cluster.local'),
  serviceCIDR: z.string().default('10.96.0.0/12'),
  podCIDR: z.string().default('10.244.0.0/16'),
  /** The nodes' IPs: DaemonSets run one Pod per node, hostNetwork Pods take a node's IP, NodePorts listen on each. */
  nodeAddresses: z.array(z.string()).min(1).default(['192.168.0.11']),
  nodePortRange: z.string().regex(/^\d+-\d+$/, 'must look like 30000-32767').default('30000-32767'),
  /** `coredns`: CoreDNS as kubeadm configures it; `spec`: only what kubernetes/dns 1.1.0 requires. */
  dnsProfile: z.enum(['coredns', 'spec']).default('coredns'),
  pods: z.enum(['disabled', 'insecure', 'verified']).default('insecure'),
  /** The stub resolver whose search walk lookups follow: glibc (most images), musl (Alpine), or bind9's nslookup tool. */
  resolver: z.enum(['glibc', 'musl', 'nslookup']).default('glibc'),
  /**
   * A Corefile to answer as (CLI: relative to the settings file; editor: to the workspace folder). Without it, the
   * manifests' kube-system/coredns ConfigMap, else kubeadm's Corefile built from the settings here.
   */
  corefile: z.string().min(1).optional(),
  endpointPodNames: z.boolean().default(false),
  ignoreEmptyService: z.boolean().default(false),
  upstreamHosts: z.record(z.string(), z.array(z.string())).default({}),
  /** TTL of the cluster DNS answers: kubeadm's Corefile sets `ttl 30` (the plugin default is 5). */
  dnsTtl: z.number().int().min(0).max(3600).default(30),
  /** The node's /etc/resolv.conf, which `dnsPolicy: Default` Pods inherit and ClusterFirst Pods append searches from. */
  nodeResolvConf: z.strictObject({
    nameservers: z.array(z.string()).default([]),
    searches: z.array(z.string()).default([]),
    options: z.array(z.string()).default([]),
  }).default({ nameservers: [], searches: [], options: [] }),
  rules: z.record(z.string(), severitySchema).default({}),
  /** Limits that keep hostile files from hanging or crashing the analysis; a file over one is skipped with an info finding. */
  maxFileSize: z.number().int().positive().default(5_000_000),
  maxDocuments: z.number().int().positive().default(10_000),
  /** Capped: yaml recurses once per level (see MAX_NESTING_DEPTH). */
  maxNestingDepth: z.number().int().positive().max(MAX_NESTING_DEPTH).default(200),
});

export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;

export const defaultSettings: AnalysisSettings = analysisSettingsSchema.parse({});

/** Settings renamed, by their old names (still read, as the new ones). */
export const RENAMED_SETTINGS: Readonly<Record<string, keyof AnalysisSettings>> = { nodeIPs: 'nodeAddresses' };

/**
 * Settings as written, with each old name read as its new one. The new name wins when it is given
 * with another value than its default (an editor sends the defaults of settings left unset).
 */
export function withCurrentNames(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...input };
  for (const [old, current] of Object.entries(RENAMED_SETTINGS)) {
    if (!(old in result)) continue;
    const value = result[old];
    delete result[old];
    if (value === null || value === undefined) continue;
    const given = result[current];
    if (given === null || given === undefined || JSON.stringify(given) === JSON.stringify(defaultSettings[current])) result[current] = value;
  }
  return result;
}

export function parseSettings(input: unknown): { settings: AnalysisSettings; errors: string[] } {
  const result = analysisSettingsSchema.safeParse(typeof input === 'object' && input !== null && !Array.isArray(input) ? withCurrentNames(input as Record<string, unknown>) : (input ?? {}));
  if (result.success) return { settings: result.data, errors: [] };
  const errors = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { settings: defaultSettings, errors };
}
