import { describePorts, lookUpPortNumber } from '../references/servicePorts';
import { lookUpConfiguredHost } from './configuredHostLookup';
import { configuredHostOrigins, CONFIGURING_KINDS, forEachConfiguredHost } from './configuredHostsWithPod';
import { replaceInValueFix } from './replaceInValueFix';
import { defineRule } from './types';

/** The port a URL of these schemes means when it writes none. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

export default defineRule({
  meta: {
    id: 'configured-host-port-not-found',
    description: "A host and port a container is configured with (`env`, `args`, `command`, ConfigMap data, looked up from each Pod that reads the ConfigMap, or from its namespace when none does: `http://cart:8080/`, `redis-cart:6380`; `http://cart/` is port 80) that resolves, from the Pod, to a Service without that port: connections are refused or time out. The usual mistake is the container port instead of the Service port.",
    remediation: "Use a spec.ports[].port of the Service (not its targetPort), or add the port to the Service.",
    severity: 'warning',
    kinds: CONFIGURING_KINDS,
    scope: 'cluster',
    messages: {
      notFound: '{{field}}: "{{written}}" reaches Service "{{service}}", which has no port {{port}}{{implied}} (its ports: {{ports}}), so connections fail.',
      isTarget: '{{field}}: "{{written}}" reaches Service "{{service}}", whose port {{port}} is the targetPort of its port {{servicePort}}; clients connect to the Service port, so connections fail.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: cart}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: frontend\n        env:\n        - {name: CART_URL, value: "http://cart:8080/"}',
      right: 'kind: Service\nmetadata: {name: cart}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: frontend\n        env:\n        - {name: CART_URL, value: "http://cart:80/"}',
    },
  },
  check(context, object) {
    forEachConfiguredHost(configuredHostOrigins(context, object), (configured, host) => {
      const port = host.port ?? (host.scheme ? DEFAULT_PORTS[host.scheme] : undefined);
      if (port === undefined) return false;
      const lookup = lookUpConfiguredHost(context, configured, host.host);
      const service = lookup.kind === 'resolved' ? lookup.service : undefined;
      // a headless Service's clients reach the Pods on any port; an ExternalName is only a CNAME
      if (!service || service.headless || service.type === 'ExternalName' || service.ports.length === 0) return false;
      const found = lookUpPortNumber(service, port);
      if ('found' in found || 'externalName' in found) return false;
      const data = { field: host.field, written: host.written, service: `${service.namespace}/${service.name}`, port, implied: host.port === undefined ? ` (the ${host.scheme} default)` : '', ports: describePorts(service) };
      const related = [{ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }];
      if ('targetOf' in found && found.targetOf.port !== undefined && host.port !== undefined) {
        const servicePort = found.targetOf.port;
        const fixed = host.written.replace(/:\d+$/, `:${servicePort}`);
        context.report({ messageId: 'isTarget', data: { ...data, servicePort }, path: host.path, part: host.written, related, fix: replaceInValueFix(object, host.path, host.written, fixed, `Use Service port ${servicePort}`) });
      } else context.report({ messageId: 'notFound', data, path: host.path, part: host.written, related });
      return true;
    });
  },
});
