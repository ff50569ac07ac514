import { isInZone, normalizeName } from '../dns/dnsName';
import { zoneOf } from '../dns/records';
import { clusterDnsIp, podResolvConf } from '../dns/resolvConf';
import { resolverWalk } from '../dns/resolverWalk';
import { lookUpConfiguredHost } from './configuredHostLookup';
import { configuredHostOrigins, CONFIGURING_KINDS, forEachConfiguredHost } from './configuredHostsWithPod';
import { defineRule } from './types';

/**
 * Top-level domains that are no namespace: a dotted name ending in one is outside the cluster.
 * Any other last label may be a namespace the workspace does not hold (`redis.cache`), and is left alone.
 */
const PUBLIC_SUFFIXES = new Set(['com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'ai', 'co', 'info', 'biz', 'me', 'sh', 'gov', 'edu', 'eu', 'uk', 'de', 'fr', 'nl', 'jp', 'cn', 'us', 'ca', 'au', 'internal']);

export default defineRule({
  meta: {
    id: 'external-host-search-walk',
    description: 'An external host (a dotted name outside the cluster: `api.example.com`, `metadata.google.internal`) that a ClusterFirst Pod is configured with (`env`, `args`, `command`, or the data of a ConfigMap it reads) and that has fewer dots than the Pod\'s `ndots` (5 by default): every lookup walks the whole search list first, each search domain answered NXDOMAIN, before the name itself is asked. The count of extra names comes from the DNS simulator\'s resolv.conf of the Pod and the `resolver` setting.',
    remediation: 'Write the host with a trailing dot (`api.example.com.`; check that the client accepts it, HTTPS Host and SNI included), or lower `ndots` for the Pod with `dnsConfig: {options: [{name: ndots, value: "2"}]}`.',
    severity: 'hint',
    kinds: CONFIGURING_KINDS,
    scope: 'cluster',
    messages: {
      walks: '{{field}}: "{{host}}" has {{dots}}, fewer than ndots {{ndots}}, so each lookup from the Pods of {{owner}} first sends {{count}} names that fail ({{first}} … {{last}}) before {{host}}. itself{{family}}. Write "{{host}}." or set dnsConfig.options ndots: "{{dotCount}}".',
    },
    example: {
      wrong: 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env:\n        - {name: PAYMENTS_URL, value: "https://api.stripe.com/v1"}',
      right: 'kind: Deployment\nspec:\n  template:\n    spec:\n      dnsConfig:\n        options: [{name: ndots, value: "2"}]\n      containers:\n      - name: app\n        env:\n        - {name: PAYMENTS_URL, value: "https://api.stripe.com/v1"}',
    },
  },
  check(context, object) {
    const { model, settings } = context;
    // a ConfigMap's hosts are judged only from the Pods that read it: its URLs may be links for a browser
    const origins = configuredHostOrigins(context, object).filter((origin) => object.kind !== 'ConfigMap' || origin.readsConfigMap);
    const read = (configured: (typeof origins)[number], host: (typeof origins)[number]['hosts'][number]): boolean => object.kind !== 'ConfigMap' || configured.named?.(host) === true;
    const zone = zoneOf(settings);
    forEachConfiguredHost(origins, (configured, host) => {
      if (!read(configured, host)) return false;
      const conf = podResolvConf(settings, { pod: configured.pod, namespace: configured.namespace });
      // only the cluster DNS walks the cluster's search list; Default and None Pods keep the node's or their own
      if (conf.effectivePolicy !== 'cluster' || conf.nameservers[0] !== clusterDnsIp(settings)) return false;
      const name = normalizeName(host.host);
      const labels = name.split('.');
      if (labels.length < 2 || absoluteAsWritten(host.written, host.host) || isInZone(name, zone) || labels.includes('svc')) return false;
      if (!PUBLIC_SUFFIXES.has(labels[labels.length - 1]) || model.namespaceExists(labels[labels.length - 1])) return false;
      if (lookUpConfiguredHost(context, configured, host.host).kind !== 'external') return false;
      const dots = labels.length - 1;
      if (dots >= conf.ndots) return false;
      const walk = resolverWalk(settings.resolver, name, conf.searches, conf.ndots);
      const failing = walk.candidates.slice(0, walk.candidates.indexOf(`${name}.`));
      if (failing.length === 0) return false;
      context.report({
        messageId: 'walks',
        data: {
          field: host.field, host: name, dots: `${dots} dot${dots === 1 ? '' : 's'}`, ndots: conf.ndots, owner: configured.from, count: failing.length,
          first: failing[0], last: failing[failing.length - 1], dotCount: dots,
          family: settings.resolver === 'glibc' ? ' (glibc asks A and AAAA for each: twice as many queries)' : '',
        },
        path: host.path,
        part: host.written,
      });
      return true;
    });
  },
});

/** The host stands with its trailing dot where it is written (`https://api.example.com./`, `smtp.example.com.:587`): absolute, no search. */
function absoluteAsWritten(written: string, host: string): boolean {
  const at = written.toLowerCase().indexOf(host.toLowerCase());
  return at >= 0 && written[at + host.length] === '.';
}
