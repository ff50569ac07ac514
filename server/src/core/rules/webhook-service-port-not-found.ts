import { hasPlaceholder } from '../placeholders';
import { describePorts, lookUpPortNumber } from '../references/servicePorts';
import { API_SERVER_CALLER_KINDS, apiServerServiceRefs } from '../references/webhookServices';
import { replaceFix } from './replaceFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'webhook-service-port-not-found',
    description: "A webhook `clientConfig.service.port` (admission or CustomResourceDefinition conversion) or an APIService `spec.service.port` (443 when not written) that is not a port of the Service it names: the API server's calls fail, and with them every request the webhook matches.",
    remediation: 'Set service.port to a spec.ports[].port of the Service (not its targetPort), or give the Service a port 443 when the port is left to its default.',
    severity: 'error',
    kinds: [...API_SERVER_CALLER_KINDS],
    scope: 'cluster',
    messages: {
      notFound: '{{field}}.port {{port}}{{defaulted}} is not a port of Service "{{service}}" (its ports: {{ports}}), so the API server cannot call {{caller}}: {{consequence}}.',
      isTarget: '{{field}}.port {{port}}{{defaulted}} is the targetPort of Service "{{service}}" port {{servicePort}}; the API server calls the Service port, so it cannot reach {{caller}}: {{consequence}}.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: metrics-server, namespace: kube-system}\nspec:\n  ports: [{name: https, port: 443, targetPort: 10250}]\n---\napiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1beta1.metrics.k8s.io}\nspec:\n  service: {name: metrics-server, namespace: kube-system, port: 10250}',
      right: 'kind: Service\nmetadata: {name: metrics-server, namespace: kube-system}\nspec:\n  ports: [{name: https, port: 443, targetPort: 10250}]\n---\napiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1beta1.metrics.k8s.io}\nspec:\n  service: {name: metrics-server, namespace: kube-system}',
    },
  },
  check(context, object) {
    for (const ref of apiServerServiceRefs(object)) {
      if (!ref.name || !ref.namespace || hasPlaceholder(ref.name) || hasPlaceholder(ref.namespace)) continue;
      const service = context.model.service(ref.namespace, ref.name);
      if (!service || service.ports.some((port) => port.port !== undefined && hasPlaceholder(String(port.port)))) continue;
      const lookup = lookUpPortNumber(service, ref.port);
      if ('found' in lookup || 'externalName' in lookup) continue;
      // an unwritten port is the default 443: the finding goes on the service mapping's key
      const path = ref.portWritten ? [...ref.path, 'port'] : ref.path;
      const on = ref.portWritten ? undefined : ('key' as const);
      const data = { field: ref.field, port: ref.port, defaulted: ref.portWritten ? '' : ' (the default)', service: service.name, ports: describePorts(service), caller: ref.caller, consequence: ref.consequence };
      const related = [{ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }];
      if ('targetOf' in lookup && lookup.targetOf.port !== undefined && ref.portWritten) {
        const servicePort = lookup.targetOf.port;
        context.report({ messageId: 'isTarget', data: { ...data, servicePort }, path, on, related, fix: replaceFix(object, path, String(servicePort), `Use Service port ${servicePort}`) });
      } else context.report({ messageId: 'notFound', data, path, on, related });
    }
  },
});
