import { z } from 'zod';

/** A `charts:` entry of `.kube-lookup.yaml`: how the CLI renders one Helm chart. */
export interface ConfiguredChart {
  /** The chart's folder, relative to the settings file's folder. */
  readonly path: string;
  readonly release?: string;
  readonly namespace?: string;
  /** Values files relative to the settings file's folder, given to helm with `-f` in order. */
  readonly values: readonly string[];
}

/** Helm's rule for release names: a DNS-1123 label of at most 53 characters. */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const configuredChartsSchema = z.array(z.strictObject({
  path: z.string().min(1, 'a chart needs its folder'),
  release: z.string().max(53, 'a release name has at most 53 characters').regex(RELEASE_NAME, 'a release name is lower-case letters, digits and dashes').optional(),
  namespace: z.string().max(63, 'a namespace has at most 63 characters').regex(NAMESPACE, 'a namespace is lower-case letters, digits and dashes').optional(),
  values: z.array(z.string().min(1)).default([]),
})).superRefine((charts, context) => {
  const seen = new Set<string>();
  charts.forEach((chart, index) => {
    const key = chart.path.replace(/\/+$/, '');
    if (seen.has(key)) context.addIssue({ code: 'custom', path: [index, 'path'], message: `chart "${chart.path}" is configured twice` });
    seen.add(key);
  });
});

export function parseConfiguredCharts(value: unknown): { charts: ConfiguredChart[]; error?: string } {
  const result = configuredChartsSchema.safeParse(value ?? []);
  if (result.success) return { charts: result.data };
  const issue = result.error.issues[0];
  return { charts: [], error: `charts${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}: ${issue.message}` };
}
