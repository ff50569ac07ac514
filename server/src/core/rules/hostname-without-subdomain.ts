import { matchesLabels } from '../model/labelSelector';
import { podTemplateOf } from '../model/podView';
import { insertFirstEntry } from './textEdits';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'hostname-without-subdomain',
    description: 'A Pod with `hostname` but no `subdomain`, selected by a headless Service: its per-Pod name <hostname>.<service>.<namespace>.svc is published only when `subdomain` names that Service.',
    remediation: 'Set `subdomain` to the name of the headless Service that selects the Pod.',
    severity: 'info',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'cluster',
    messages: {
      noSubdomain: 'hostname "{{hostname}}" is set and headless Service "{{service}}" selects this Pod, but without subdomain: {{service}} there is no {{hostname}}.{{service}}.{{namespace}}.svc.{{zone}} record.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: headless1}\nspec:\n  clusterIP: None\n  selector: {app: a}\n---\nkind: Pod\nmetadata: {name: pod-a, labels: {app: a}}\nspec:\n  hostname: pod-a',
      right: 'kind: Service\nmetadata: {name: headless1}\nspec:\n  clusterIP: None\n  selector: {app: a}\n---\nkind: Pod\nmetadata: {name: pod-a, labels: {app: a}}\nspec:\n  hostname: pod-a\n  subdomain: headless1',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    const hostname = template?.spec.hostname;
    if (!template || !hostname || template.spec.subdomain) return;
    const labels = template.labels;
    const headless = context.model.servicesIn(object.namespace).filter((service) => service.headless && service.type !== 'ExternalName' && service.selector && matchesLabels(labels, service.selector));
    const names = [...new Set(headless.map((service) => service.name))];
    // with two candidate Services the intended one is a guess
    if (names.length !== 1) return;
    const service = headless[0];
    context.report({
      messageId: 'noSubdomain',
      data: { hostname, service: service.name, namespace: object.namespace, zone: context.settings.clusterDomain },
      path: [...template.templatePath, 'spec', 'hostname'],
      on: 'key',
      related: [{ object: service.object, path: ['spec', 'selector'], on: 'key', message: `headless Service "${service.name}" selects this Pod` }],
      fix: (fixContext) => {
        const edits = insertFirstEntry(fixContext, object, [...template.templatePath, 'spec'], `subdomain: ${service.name}`);
        return edits ? { title: `Set subdomain: ${service.name}`, edits } : undefined;
      },
    });
  },
});
