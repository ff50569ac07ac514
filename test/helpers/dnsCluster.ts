import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClusterModel } from '../../server/src/core/model/clusterModel';
import type { AnalysisSettings } from '../../server/src/core/settings';
import { modelOf } from './modelFrom';
import { fixturesRoot } from './paths';

/** The two ways the DNS fixture cluster writes its hand-written endpoints. */
export const ENDPOINT_FORMS = ['endpoints', 'endpointslices'] as const;
export type EndpointForm = (typeof ENDPOINT_FORMS)[number];

/** The DNS fixture cluster (test/fixtures/clusters/dns): common/ plus one endpoint form. */
export function dnsCluster(form: EndpointForm, settings: Partial<AnalysisSettings> = {}): ClusterModel {
  const root = path.join(fixturesRoot, 'clusters', 'dns');
  const files: Record<string, string> = {};
  for (const folder of ['common', form]) {
    for (const name of fs.readdirSync(path.join(root, folder)).filter((entry) => entry.endsWith('.yaml')).sort()) {
      const file = path.join(root, folder, name);
      files[file] = fs.readFileSync(file, 'utf8');
    }
  }
  return modelOf(files, settings);
}
