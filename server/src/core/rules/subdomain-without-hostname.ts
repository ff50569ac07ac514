import { podTemplateOf } from '../model/podView';
import { podsMadeBy } from './podsMadeBy';
import { insertFirstEntry } from './textEdits';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'subdomain-without-hostname',
    description: 'A Pod with `subdomain` but no `hostname` gets no per-Pod DNS name: the endpoints controller sets an endpoint hostname only when `spec.hostname` is set, so only the Service name resolves. An Indexed Job\'s Pods get `<job>-<index>` from the Job controller.',
    remediation: 'Set `hostname` next to `subdomain` (a StatefulSet and an Indexed Job do this for their Pods on their own).',
    severity: 'warning',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'object',
    messages: {
      noHostname: 'subdomain "{{subdomain}}" is set but hostname is not, so no <hostname>.{{subdomain}}.{{namespace}}.svc.{{zone}} record exists for this Pod; only the Service name resolves.',
    },
    example: {
      wrong: 'kind: Pod\nmetadata: {name: pod-a}\nspec:\n  subdomain: headless1',
      right: 'kind: Pod\nmetadata: {name: pod-a}\nspec:\n  hostname: pod-a\n  subdomain: headless1',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    const subdomain = template?.spec.subdomain;
    if (!template || !subdomain || template.spec.hostname) return;
    // the Job controller names an Indexed Job's Pods `<job>-<index>` itself
    if (podsMadeBy(context, object).every((pod) => pod.hostnameSet)) return;
    context.report({
      messageId: 'noHostname',
      data: { subdomain, namespace: object.namespace, zone: context.settings.clusterDomain },
      path: [...template.templatePath, 'spec', 'subdomain'],
      on: 'key',
      // the hostname is unambiguous only for a bare Pod: its own name
      fix: object.kind === 'Pod' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(object.name)
        ? (fixContext) => {
            const edits = insertFirstEntry(fixContext, object, ['spec'], `hostname: ${object.name}`);
            return edits ? { title: `Set hostname: ${object.name}`, edits } : undefined;
          }
        : undefined,
    });
  },
});
