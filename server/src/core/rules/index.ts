import type { Rule } from './types';
import endpointsWithoutService from './endpoints-without-service';
import fileSkipped from './file-skipped';
import objectNameInvalid from './object-name-invalid';
import podDnsConfigInvalid from './pod-dns-config-invalid';
import podHostnameInvalid from './pod-hostname-invalid';
import serviceClusterIpForbidden from './service-cluster-ip-forbidden';
import serviceExternalNameInvalid from './service-external-name-invalid';
import serviceNodePortInvalid from './service-node-port-invalid';
import servicePortInvalid from './service-port-invalid';
import servicePortNameInvalid from './service-port-name-invalid';
import serviceSelectorMatchesNothing from './service-selector-matches-nothing';
import serviceTypeUnsupported from './service-type-unsupported';
import subdomainWithoutHeadlessService from './subdomain-without-headless-service';
import templatedFile from './templated-file';
import workloadSelectorMismatch from './workload-selector-mismatch';
import yamlSyntax from './yaml-syntax';

/** Every rule, sorted by id. The catalogue test keeps this list, the files, fixtures and docs in step. */
export const rules: readonly Rule[] = [
  endpointsWithoutService,
  fileSkipped,
  objectNameInvalid,
  podDnsConfigInvalid,
  podHostnameInvalid,
  serviceClusterIpForbidden,
  serviceExternalNameInvalid,
  serviceNodePortInvalid,
  servicePortInvalid,
  servicePortNameInvalid,
  serviceSelectorMatchesNothing,
  serviceTypeUnsupported,
  subdomainWithoutHeadlessService,
  templatedFile,
  workloadSelectorMismatch,
  yamlSyntax,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
