import { hasPlaceholder } from '../placeholders';
import { API_SERVER_CALLER_KINDS, apiServerServiceRefs } from '../references/webhookServices';
import { reportMissingService } from './missingService';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'webhook-service-not-found',
    description: "A Validating/MutatingWebhookConfiguration `clientConfig.service`, an APIService `spec.service` or a CustomResourceDefinition conversion webhook `clientConfig.service` naming no Service in its namespace, while the workspace holds that namespace's other objects: every API request the webhook matches fails (or the API group is unavailable, or the custom resources cannot be converted between versions).",
    remediation: 'Set service.name and service.namespace to those of the Service in front of the webhook or API server (the one the operator\'s or chart\'s Deployment sits behind), or create the Service.',
    severity: 'warning',
    kinds: [...API_SERVER_CALLER_KINDS],
    scope: 'cluster',
    messages: {
      noService: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}", so the API server cannot call {{caller}}: {{consequence}}.',
      didYouMean: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}"; did you mean "{{closest}}"? Until then the API server cannot call {{caller}}: {{consequence}}.',
      otherNamespace: '{{field}}.name "{{name}}" names no Service in namespace "{{namespace}}", only in {{others}}; set {{field}}.namespace to the Service\'s namespace.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: cert-manager-webhook, namespace: cert-manager}\nspec:\n  ports: [{name: https, port: 443, targetPort: 10250}]\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nwebhooks:\n- name: webhook.cert-manager.io\n  clientConfig:\n    service: {name: cert-manager-webhok, namespace: cert-manager, path: /validate}',
      right: 'kind: Service\nmetadata: {name: cert-manager-webhook, namespace: cert-manager}\nspec:\n  ports: [{name: https, port: 443, targetPort: 10250}]\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nwebhooks:\n- name: webhook.cert-manager.io\n  clientConfig:\n    service: {name: cert-manager-webhook, namespace: cert-manager, path: /validate}',
    },
  },
  check(context, object) {
    const { model } = context;
    for (const ref of apiServerServiceRefs(object)) {
      if (!ref.name || !ref.namespace || hasPlaceholder(ref.namespace)) continue;
      // the Service of an operator installed apart is not in the workspace: speak when its namespace's objects are
      const evident = model.servicesIn(ref.namespace).length > 0 || model.podsIn(ref.namespace).length > 0;
      reportMissingService(context, object, [...ref.path, 'name'], ref.name, ref.namespace, true, evident, { field: ref.field, caller: ref.caller, consequence: ref.consequence }, (closest) => `Change the Service to "${closest}"`);
    }
  },
});
