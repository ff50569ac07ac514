import { formatSelector } from '../model/labelSelector';
import { podTemplateOf } from '../model/podView';
import { readReplicaSpecPlain } from '../model/schemas/plainReaders';
import { selectorMatchOf } from '../model/selectorMatch';
import { addHeadless } from './textEdits';
import { reportMissingHeadlessService } from './missingHeadlessService';
import { podsMadeBy } from './podsMadeBy';
import { defineRule } from './types';
import { hasPlaceholder, holdsPlaceholder } from '../placeholders';

export default defineRule({
  meta: {
    id: 'statefulset-service-name',
    description: "A StatefulSet's `serviceName` must name a headless Service in its namespace that selects the set's Pods; otherwise the stable Pod names <pod>.<serviceName>.<namespace>.svc do not resolve.",
    remediation: 'Create the headless Service (clusterIP: None) named in serviceName, with a selector matching the Pod template labels, or fix serviceName to name it.',
    severity: 'warning',
    kinds: ['StatefulSet'],
    scope: 'cluster',
    messages: {
      noService: 'serviceName "{{service}}" names no Service in namespace "{{namespace}}", so {{pod}}.{{service}}.{{namespace}}.svc.{{zone}} does not resolve.',
      didYouMean: 'serviceName "{{service}}" names no Service in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then {{pod}}.{{service}}.{{namespace}}.svc.{{zone}} does not resolve.',
      notHeadless: 'serviceName "{{service}}" names a Service that is not headless, so the per-Pod names such as {{pod}}.{{service}}.{{namespace}}.svc.{{zone}} are not published; the governing Service needs clusterIP: None.',
      notSelected: 'serviceName "{{service}}" names a headless Service whose selector {{selector}} does not select this set\'s Pods, so {{pod}}.{{service}}.{{namespace}}.svc.{{zone}} has no record.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: db}\nspec:\n  selector: {app: db}\n---\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db   # db is not headless',
      right: 'kind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n  selector: {app: db}\n---\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db',
    },
  },
  check(context, set) {
    const serviceName = readReplicaSpecPlain(set.body?.spec ?? {})?.serviceName;
    if (!serviceName || hasPlaceholder(serviceName)) return;
    const path = ['spec', 'serviceName'];
    const service = context.model.service(set.namespace, serviceName);
    const data = { service: serviceName, namespace: set.namespace, pod: `${set.name}-0`, zone: context.settings.clusterDomain };
    if (!service) {
      reportMissingHeadlessService(context, set, path, serviceName, data, (closest) => `Change serviceName to "${closest}"`);
      return;
    }
    if (service.type === 'ExternalName' || !service.headless) {
      context.report({
        messageId: 'notHeadless',
        data,
        path,
        related: [{ object: service.object, path: ['metadata', 'name'], message: `Service "${service.name}" is not headless` }],
        fix: service.type === 'ExternalName' ? undefined : (fixContext) => addHeadless(fixContext, service.object),
      });
      return;
    }
    // the set's Pods carry statefulset.kubernetes.io/pod-name and the other labels the controller adds
    const pods = podsMadeBy(context, set);
    const labels = podTemplateOf(set)?.labels ?? {};
    if (service.selector && !holdsPlaceholder(service.selector) && !holdsPlaceholder(labels) && pods.length > 0 && pods.every((pod) => selectorMatchOf(pod, service.selector!) === 'not-selected')) {
      context.report({ messageId: 'notSelected', data: { ...data, selector: formatSelector(service.selector) }, path, related: [{ object: service.object, path: ['spec', 'selector'], on: 'key', message: `the selector of Service "${service.name}"` }] });
    }
  },
});
