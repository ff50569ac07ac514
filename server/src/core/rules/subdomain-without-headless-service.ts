import { formatSelector } from '../model/labelSelector';
import { podTemplateOf } from '../model/podView';
import { selectorMatchOf } from '../model/selectorMatch';
import { addHeadless } from './textEdits';
import { reportMissingHeadlessService } from './missingHeadlessService';
import { onlyHeadlessServiceSelecting } from './headlessServicesSelecting';
import { closestNamed } from './closestName';
import { podsMadeBy } from './podsMadeBy';
import { servicesNamedByPlaceholder } from './placeholderMatches';
import { defineRule } from './types';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';

export default defineRule({
  meta: {
    id: 'subdomain-without-headless-service',
    description: "A Pod's `subdomain` must name a headless Service in its namespace that selects the Pod, or its hostname FQDN is never published in DNS.",
    remediation: 'Create a headless Service (clusterIP: None) named like the subdomain in the same namespace whose selector matches the Pod labels, or fix the subdomain to name the existing one.',
    severity: 'warning',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'cluster',
    messages: {
      noService: 'subdomain "{{subdomain}}" names no Service in namespace "{{namespace}}", so {{hostname}}.{{subdomain}}.{{namespace}}.svc.{{zone}} does not resolve for other Pods.',
      didYouMean: 'subdomain "{{subdomain}}" names no Service in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then {{hostname}}.{{subdomain}}.{{namespace}}.svc.{{zone}} does not resolve for other Pods.',
      notHeadless: 'subdomain "{{subdomain}}" names Service "{{subdomain}}", which is not headless; the DNS spec publishes per-Pod names only under a headless Service (clusterIP: None).',
      selectedByOther: 'subdomain "{{subdomain}}" {{why}}, but headless Service "{{other}}" selects this Pod: with subdomain: {{other}} its name is {{hostname}}.{{other}}.{{namespace}}.svc.{{zone}}; as written, {{hostname}}.{{subdomain}}.{{namespace}}.svc.{{zone}} has no record.',
      notSelected: 'subdomain "{{subdomain}}" names headless Service "{{subdomain}}", but its selector {{selector}} does not select this Pod, so the Pod is not one of its endpoints and {{hostname}}.{{subdomain}}.{{namespace}}.svc.{{zone}} has no record.',
    },
    example: {
      wrong: 'kind: Pod\nspec:\n  hostname: pod-a\n  subdomain: headles1   # no such Service',
      right: 'kind: Pod\nspec:\n  hostname: pod-a\n  subdomain: headless1  # a Service with clusterIP: None',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    const subdomain = template?.spec.subdomain;
    if (!template || !subdomain || hasPlaceholder(subdomain)) return;
    const path = [...template.templatePath, 'spec', 'subdomain'];
    const service = context.model.service(object.namespace, subdomain);
    // the Pods as their controller makes them: an Indexed Job's carry job-name and hostname <job>-<index>
    const pods = podsMadeBy(context, object);
    const first = pods[0];
    const hostname = first && (first.hostnameSet || object.kind === 'Pod') ? first.hostname : '<pod-name>';
    const data = { subdomain, namespace: object.namespace, hostname, zone: context.settings.clusterDomain };
    const why = !service ? (servicesNamedByPlaceholder(context.model, object.namespace) ? undefined : `names no Service in namespace "${object.namespace}"`)
      : service.type === 'ExternalName' ? `names ExternalName Service "${subdomain}"`
        : !service.headless ? `names Service "${subdomain}", which is not headless`
          : service.selector && !holdsPlaceholder(service.selector) && !holdsPlaceholder(template.labels) && pods.length > 0 && pods.every((pod) => selectorMatchOf(pod, service.selector!) === 'not-selected') ? `names headless Service "${subdomain}", whose selector does not select this Pod` : undefined;
    // another headless Service selects the Pod: that is the name the per-Pod record can have (asked
    // only when the subdomain is wrong, so a right one does not depend on every Service of the namespace)
    const other = why ? onlyHeadlessServiceSelecting(context, object.namespace, pods) : undefined;
    // a typo of that very Service's name is said as "did you mean" (reportMissingHeadlessService)
    const typoOfOther = !service && other !== undefined && closestNamed(subdomain, context.model.servicesIn(object.namespace), (candidate) => candidate.headless)?.name === other.name;
    if (other && other.name !== subdomain && why && !typoOfOther && !holdsPlaceholder(template.labels)) {
      context.report({
        messageId: 'selectedByOther',
        data: { ...data, why, other: other.name },
        path,
        related: [{ object: other.object, path: ['spec', 'selector'], on: 'key', message: `headless Service "${other.name}" selects this Pod` }],
        fix: (fixContext) => {
          const place = fixContext.locate({ object, path });
          return { title: `Change the subdomain to "${other.name}"`, edits: [{ file: place.file, span: place.span, newText: other.name }] };
        },
      });
      return;
    }
    if (!service) {
      reportMissingHeadlessService(context, object, path, subdomain, data, (closest) => `Change the subdomain to "${closest}"`);
      return;
    }
    if (!service.headless && service.type !== 'ExternalName') {
      context.report({ messageId: 'notHeadless', data, path, related: [{ object: service.object, path: ['spec'], on: 'key', message: `Service "${service.name}" is not headless` }], fix: (fixContext) => addHeadless(fixContext, service.object) });
    } else if (service.type === 'ExternalName') {
      context.report({ messageId: 'notHeadless', data, path, related: [{ object: service.object, path: ['spec', 'type'], message: `Service "${service.name}" is an ExternalName Service` }] });
    } else if (service.selector && !holdsPlaceholder(service.selector) && !holdsPlaceholder(template.labels) && pods.length > 0 && pods.every((pod) => selectorMatchOf(pod, service.selector!) === 'not-selected')) {
      context.report({ messageId: 'notSelected', data: { ...data, selector: formatSelector(service.selector) }, path, related: [{ object: service.object, path: ['spec', 'selector'], on: 'key', message: `the selector of Service "${service.name}"` }] });
    }
  },
});
