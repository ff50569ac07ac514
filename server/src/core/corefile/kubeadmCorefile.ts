import type { AnalysisSettings } from '../settings';

/**
 * The Corefile kubeadm installs, with the DNS settings filled in: the settings `clusterDomain`,
 * `pods`, `endpointPodNames`, `ignoreEmptyService` and `dnsTtl` are shorthands for its
 * `kubernetes` block, so a profile built from them is the same object as one read from a Corefile.
 */
export function kubeadmCorefile(settings: AnalysisSettings): string {
  const options = [
    `pods ${settings.pods}`,
    ...(settings.endpointPodNames ? ['endpoint_pod_names'] : []),
    ...(settings.ignoreEmptyService ? ['ignore empty_service'] : []),
    'fallthrough in-addr.arpa ip6.arpa',
    `ttl ${settings.dnsTtl}`,
  ];
  return [
    '.:53 {',
    '    errors',
    '    health {',
    '       lameduck 5s',
    '    }',
    '    ready',
    `    kubernetes ${settings.clusterDomain.replace(/\.$/, '')} in-addr.arpa ip6.arpa {`,
    ...options.map((option) => `       ${option}`),
    '    }',
    '    prometheus :9153',
    '    forward . /etc/resolv.conf {',
    '       max_concurrent 1000',
    '    }',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
    '',
  ].join('\n');
}
