import type { ManifestObject } from '../model/manifestObject';
import { isRecord } from '../model/extractObjects';
import { defineRule, type Fix, type RuleContext } from './types';
import { fieldPath, goQuote, goValue, supportedValues } from './validation/fieldErrors';
import { utf8Length } from './validation/names';
import { hasPlaceholder } from '../placeholders';
import { firstPlace } from './validation/places';
import { POD_SPEC_KINDS, podSpecUnderValidation } from './validation/podTemplates';

/** In the order the API server lists them. */
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
/** kubelet writes at most this many into resolv.conf, so the API refuses more. */
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;

export default defineRule({
  meta: {
    id: 'pod-dns-config-invalid',
    description: 'A Pod (or Pod template) DNS setup the API server rejects: a `dnsPolicy` other than ClusterFirst, ClusterFirstWithHostNet, Default or None; `dnsPolicy: None` without `dnsConfig` nameservers; more than 3 nameservers, more than 32 search domains or a search list over 2048 characters.',
    remediation: 'Spell dnsPolicy exactly as the API does; with dnsPolicy None give dnsConfig.nameservers (1 to 3) and keep dnsConfig.searches to at most 32 domains and 2048 characters.',
    severity: 'error',
    kinds: POD_SPEC_KINDS,
    scope: 'object',
    messages: {
      unsupportedPolicy: '{{field}}: Unsupported value: {{value}}: {{supported}}',
      configRequired: '{{field}}: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
      nameserverRequired: '{{field}}: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
      tooManyNameservers: '{{field}}: Invalid value: {{value}}: must not have more than 3 nameservers',
      tooManySearches: '{{field}}: Invalid value: {{value}}: must not have more than 32 search paths',
      searchListTooLong: '{{field}}: Invalid value: {{value}}: must not have more than 2048 characters (including spaces) in the search list',
    },
    example: {
      wrong: 'spec:\n  dnsPolicy: None\n  dnsConfig:\n    searches: [corp.example.com]',
      right: 'spec:\n  dnsPolicy: None\n  dnsConfig:\n    nameservers: [10.0.0.10]\n    searches: [corp.example.com]',
    },
  },
  check(context, object) {
    const pod = podSpecUnderValidation(object);
    if (!pod) return;
    const policyPath = [...pod.path, 'dnsPolicy'];
    const configPath = [...pod.path, 'dnsConfig'];
    const policy = typeof pod.spec.dnsPolicy === 'string' && pod.spec.dnsPolicy !== '' ? pod.spec.dnsPolicy : 'ClusterFirst';
    if (!DNS_POLICIES.includes(policy) && !hasPlaceholder(policy)) {
      context.report({
        messageId: 'unsupportedPolicy',
        data: { field: fieldPath(policyPath), value: goQuote(policy), supported: supportedValues(DNS_POLICIES) },
        path: policyPath,
        fix: (fixContext) => correctPolicyCase(fixContext, object, policyPath, policy),
      });
    }
    const config = pod.spec.dnsConfig;
    if (config !== undefined && config !== null && !isRecord(config)) return;
    const nameservers = stringList(config?.nameservers);
    const searches = stringList(config?.searches);
    if (policy === 'None') {
      if (!config) {
        context.report({ messageId: 'configRequired', data: { field: fieldPath(configPath) }, path: policyPath });
        return;
      }
      if (nameservers?.length === 0) {
        const place = firstPlace(context, object, [{ path: [...configPath, 'nameservers'], on: 'key' }, { path: configPath, on: 'key' }]);
        context.report({ messageId: 'nameserverRequired', data: { field: fieldPath([...configPath, 'nameservers']) }, ...place });
        return;
      }
    }
    if (nameservers && nameservers.length > MAX_NAMESERVERS) {
      const path = [...configPath, 'nameservers'];
      context.report({ messageId: 'tooManyNameservers', data: { field: fieldPath(path), value: goValue(nameservers) }, path, on: 'key' });
    }
    if (searches && searches.length > MAX_SEARCH_PATHS) {
      const path = [...configPath, 'searches'];
      context.report({ messageId: 'tooManySearches', data: { field: fieldPath(path), value: goValue(searches) }, path, on: 'key' });
    }
    // the length of a search list holding a placeholder is the substituted one's, which we cannot know
    if (searches && utf8Length(searches.join(' ')) > MAX_SEARCH_LIST_CHARS && !searches.some((search) => hasPlaceholder(search))) {
      const path = [...configPath, 'searches'];
      context.report({ messageId: 'searchListTooLong', data: { field: fieldPath(path), value: goValue(searches) }, path, on: 'key' });
    }
  },
});

/** A list of strings as written; [] when absent or null; undefined when it would not decode. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** `clusterFirst` → `ClusterFirst`: only the case is wrong. */
function correctPolicyCase(context: RuleContext, object: ManifestObject, path: readonly (string | number)[], policy: string): Fix | undefined {
  const intended = DNS_POLICIES.find((candidate) => candidate.toLowerCase() === policy.toLowerCase());
  if (!intended) return undefined;
  const place = context.locate({ object, path });
  return { title: `Change the dnsPolicy to ${intended}`, edits: [{ file: place.file, span: place.span, newText: intended }] };
}
