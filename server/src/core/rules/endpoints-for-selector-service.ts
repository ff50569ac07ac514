import { formatSelector } from '../model/labelSelector';
import { defineRule } from './types';

const CONTROLLER_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

export default defineRule({
  meta: {
    id: 'endpoints-for-selector-service',
    description: 'Hand-written Endpoints for a Service that has a selector are overwritten: the endpoints controller owns the Endpoints of every Service with a selector.',
    remediation: 'Remove the selector from the Service if these addresses are the backends, or delete the hand-written Endpoints and let the selector pick the Pods.',
    severity: 'warning',
    kinds: ['Endpoints'],
    scope: 'cluster',
    messages: {
      overwritten: 'Service "{{name}}" has a selector ({{selector}}), so the endpoints controller replaces these hand-written Endpoints with the Pods it selects; these addresses are never used.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: database}\nspec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n---\nkind: Endpoints\nmetadata: {name: database}\nsubsets:\n- addresses: [{ip: 10.0.0.5}]\n  ports: [{port: 5432}]',
      right: 'kind: Service\nmetadata: {name: database}\nspec:\n  ports: [{port: 5432}]   # no selector: the Endpoints below are the backends\n---\nkind: Endpoints\nmetadata: {name: database}\nsubsets:\n- addresses: [{ip: 10.0.0.5}]\n  ports: [{port: 5432}]',
    },
  },
  check(context, endpoints) {
    const service = endpoints.name ? context.model.service(endpoints.namespace, endpoints.name) : undefined;
    if (!service?.selector || service.type === 'ExternalName') return;
    // Endpoints exported from a cluster were written by the controller itself (it stamps this annotation)
    if (endpoints.annotations[CONTROLLER_ANNOTATION] !== undefined) return;
    context.report({
      messageId: 'overwritten',
      data: { name: service.name, selector: formatSelector(service.selector) },
      path: ['metadata', 'name'],
      related: [{ object: service.object, path: ['spec', 'selector'], on: 'key', message: `Service "${service.name}" selects Pods by label` }],
    });
  },
});
