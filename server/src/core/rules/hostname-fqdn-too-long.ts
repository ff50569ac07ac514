import { podTemplateOf } from '../model/podView';
import { defineRule } from './types';
import { hasPlaceholder } from '../placeholders';

/** kubelet refuses a hostname FQDN longer than this (the Linux nodename limit). */
const MAX_FQDN = 64;

export default defineRule({
  meta: {
    id: 'hostname-fqdn-too-long',
    description: `With \`setHostnameAsFQDN: true\` the Pod's hostname is its FQDN; when that is longer than ${MAX_FQDN} characters kubelet cannot set it and the Pod never starts.`,
    remediation: 'Shorten the hostname, subdomain or namespace (or the workload name the Pod names come from), or drop setHostnameAsFQDN.',
    severity: 'error',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'object',
    messages: {
      tooLong: 'setHostnameAsFQDN makes the hostname "{{fqdn}}" ({{length}} characters), over the {{max}}-character limit, so the Pod stays Pending (kubelet: "Failed to construct FQDN … is too long").',
    },
    example: {
      wrong: 'kind: StatefulSet\nmetadata: {name: analytics-warehouse-coordinator, namespace: data-platform-production}\nspec:\n  serviceName: warehouse\n  template:\n    spec:\n      setHostnameAsFQDN: true',
      right: 'kind: StatefulSet\nmetadata: {name: coordinator, namespace: data-prod}\nspec:\n  serviceName: warehouse\n  template:\n    spec:\n      setHostnameAsFQDN: true',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    if (!template?.spec.setHostnameAsFQDN) return;
    let longest = '';
    for (const pod of context.model.podsOf(object)) {
      const fqdn = pod.subdomain ? `${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${context.settings.clusterDomain}` : pod.hostname;
      // the length of a name holding a placeholder is the substituted one's, which we cannot know
      if (hasPlaceholder(fqdn)) continue;
      if (fqdn.length > longest.length) longest = fqdn;
    }
    if (longest.length <= MAX_FQDN) return;
    context.report({ messageId: 'tooLong', data: { fqdn: longest, length: longest.length, max: MAX_FQDN }, path: [...template.templatePath, 'spec', 'setHostnameAsFQDN'] });
  },
});
