import { ingressServiceBackends } from '../references/ingressBackends';
import { namesServiceInOwnFile, reportMissingService } from './missingService';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'ingress-backend-service-not-found',
    description: "An Ingress backend (`backend.service.name`, `defaultBackend`) that names no Service of the Ingress's namespace: the controller has nowhere to send those requests.",
    remediation: "Name a Service of the Ingress's own namespace in backend.service.name, or create the Service there; an Ingress cannot reach a Service of another namespace.",
    severity: 'warning',
    kinds: ['Ingress'],
    scope: 'cluster',
    messages: {
      noService: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}", so the controller has no endpoints for this backend and answers 503.',
      didYouMean: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then the controller answers 503 for this backend.',
      otherNamespace: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}", only in {{others}}; an Ingress reaches Services of its own namespace only.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: frontend}\nspec:\n  ports: [{port: 80}]\n---\nkind: Ingress\nspec:\n  defaultBackend:\n    service: {name: fronted, port: {number: 80}}',
      right: 'kind: Service\nmetadata: {name: frontend}\nspec:\n  ports: [{port: 80}]\n---\nkind: Ingress\nspec:\n  defaultBackend:\n    service: {name: frontend, port: {number: 80}}',
    },
  },
  check(context, ingress) {
    const backends = ingressServiceBackends(ingress);
    for (const backend of backends) {
      if (!backend.name) continue;
      const others = backends.filter((other) => other.name !== backend.name).map((other) => ({ name: other.name, namespace: ingress.namespace }));
      const evident = namesServiceInOwnFile(context, ingress, others);
      reportMissingService(context, ingress, [...backend.path, 'name'], backend.name, ingress.namespace, ingress.namespaceDeclared, evident, { field: backend.field }, (closest) => `Change the backend Service to "${closest}"`);
    }
  },
});
