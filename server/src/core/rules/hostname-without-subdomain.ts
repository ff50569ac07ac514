import { podTemplateOf } from '../model/podView';
import { onlyHeadlessServiceSelecting } from './headlessServicesSelecting';
import { podsMadeBy } from './podsMadeBy';
import { rawAt } from './validation/apiObjects';
import { insertFirstEntry } from './textEdits';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'hostname-without-subdomain',
    description: 'A Pod with `hostname` (or an Indexed Job, whose Pods the Job controller names `<job>-<index>`) but no `subdomain`, selected by a headless Service: its per-Pod name <hostname>.<service>.<namespace>.svc, which whoever wrote the hostname evidently expects to resolve, is published only when `subdomain` names that Service. Pods a StatefulSet makes are not affected: the controller sets both from `serviceName`.',
    remediation: 'Set `subdomain` to the name of the headless Service that selects the Pod.',
    severity: 'warning',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'cluster',
    messages: {
      noSubdomain: 'hostname "{{hostname}}" is set and headless Service "{{service}}" selects this Pod, but without subdomain: {{service}} there is no {{hostname}}.{{service}}.{{namespace}}.svc.{{zone}} record.',
      indexedNoSubdomain: 'the Job controller sets hostname "{{hostname}}" on the Pods of this Indexed Job and headless Service "{{service}}" selects them, but without subdomain: {{service}} in the Pod template there is no {{hostname}}.{{service}}.{{namespace}}.svc.{{zone}} record.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: headless1}\nspec:\n  clusterIP: None\n  selector: {app: a}\n---\nkind: Pod\nmetadata: {name: pod-a, labels: {app: a}}\nspec:\n  hostname: pod-a',
      right: 'kind: Service\nmetadata: {name: headless1}\nspec:\n  clusterIP: None\n  selector: {app: a}\n---\nkind: Pod\nmetadata: {name: pod-a, labels: {app: a}}\nspec:\n  hostname: pod-a\n  subdomain: headless1',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    if (!template || template.spec.subdomain) return;
    // job_controller.go gives an Indexed Job's Pods hostname <job>-<index>, whatever the template says
    const jobSpecPath = template.templatePath.slice(0, -1);
    const byController = (object.kind === 'Job' || object.kind === 'CronJob') && rawAt(object, [...jobSpecPath, 'completionMode']) === 'Indexed';
    if (!byController && !template.spec.hostname) return;
    // the Pods as the controller makes them, with its hostnames and labels (job-name)
    const pods = podsMadeBy(context, object).filter((pod) => pod.hostnameSet);
    if (pods.length === 0) return;
    // with two candidate Services the intended one is a guess
    const service = onlyHeadlessServiceSelecting(context, object.namespace, pods);
    if (!service) return;
    context.report({
      messageId: byController ? 'indexedNoSubdomain' : 'noSubdomain',
      data: { hostname: pods[0].hostname, service: service.name, namespace: object.namespace, zone: context.settings.clusterDomain },
      path: byController ? [...jobSpecPath, 'completionMode'] : [...template.templatePath, 'spec', 'hostname'],
      on: 'key',
      related: [{ object: service.object, path: ['spec', 'selector'], on: 'key', message: `headless Service "${service.name}" selects this Pod` }],
      fix: (fixContext) => {
        const edits = insertFirstEntry(fixContext, object, [...template.templatePath, 'spec'], `subdomain: ${service.name}`);
        return edits ? { title: `Set subdomain: ${service.name}`, edits } : undefined;
      },
    });
  },
});
