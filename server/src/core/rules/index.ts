import type { Rule } from './types';
import endpointsWithoutService from './endpoints-without-service';
import fileSkipped from './file-skipped';
import serviceSelectorMatchesNothing from './service-selector-matches-nothing';
import subdomainWithoutHeadlessService from './subdomain-without-headless-service';
import templatedFile from './templated-file';
import yamlSyntax from './yaml-syntax';

/** Every rule, sorted by id. The catalogue test keeps this list, the files, fixtures and docs in step. */
export const rules: readonly Rule[] = [
  endpointsWithoutService,
  fileSkipped,
  serviceSelectorMatchesNothing,
  subdomainWithoutHeadlessService,
  templatedFile,
  yamlSyntax,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
