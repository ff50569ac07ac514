import { hasPlaceholder } from '../placeholders';
import { editDistance } from './closestName';
import { lookUpConfiguredHost } from './configuredHostLookup';
import { configuredHostOrigins, CONFIGURING_KINDS, forEachConfiguredHost } from './configuredHostsWithPod';
import { replaceInValueFix } from './replaceInValueFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'configured-host-not-found',
    description: "A host a container is configured with (an `env` value, `args`, `command`, ConfigMap data, looked up from each Pod that reads the ConfigMap, or from its namespace when none does: `http://cart:8080/`, `redis-cart:6379`, `api.shop.svc:80`) that the Pod's resolver finds on none of its search domains, while a Service of a near name (a typo away, or the same name in another namespace) exists. External names are not judged.",
    remediation: 'Write the name of the Service as it is (`<service>` in the Pod\'s namespace, `<service>.<namespace>` for another), or create the Service.',
    severity: 'warning',
    kinds: CONFIGURING_KINDS,
    scope: 'cluster',
    messages: {
      didYouMean: '{{field}}: "{{host}}" is NXDOMAIN on every search domain of the Pods of {{owner}}; did you mean "{{closest}}", Service "{{service}}"?',
      otherNamespace: '{{field}}: "{{host}}" is NXDOMAIN on every search domain of the Pods of {{owner}}: Service "{{name}}" is in namespace "{{other}}", not "{{namespace}}"; write "{{closest}}".',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: redis-cart}\nspec:\n  ports: [{port: 6379}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: cart\n        env:\n        - {name: REDIS_ADDR, value: "redis-crat:6379"}',
      right: 'kind: Service\nmetadata: {name: redis-cart}\nspec:\n  ports: [{port: 6379}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: cart\n        env:\n        - {name: REDIS_ADDR, value: "redis-cart:6379"}',
    },
  },
  check(context, object) {
    const { model } = context;
    forEachConfiguredHost(configuredHostOrigins(context, object), (configured, host) => {
      const lookup = lookUpConfiguredHost(context, configured, host.host);
      if (lookup.kind !== 'unresolved' || model.service(lookup.namespace, lookup.name)) return false;
      const data = { field: host.field, host: host.host, owner: configured.from, name: lookup.name, namespace: lookup.namespace };
      const rest = host.host.slice(lookup.name.length);
      const near = model.servicesIn(lookup.namespace).filter((service) => !hasPlaceholder(service.name) && editDistance(lookup.name, service.name, MAX_TYPO_EDITS) <= MAX_TYPO_EDITS);
      if (near.length > 0) {
        const service = near.reduce((best, candidate) => (editDistance(lookup.name, candidate.name, MAX_TYPO_EDITS) < editDistance(lookup.name, best.name, MAX_TYPO_EDITS) ? candidate : best));
        const closest = `${service.name}${rest}`;
        context.report({
          messageId: 'didYouMean',
          data: { ...data, closest, service: `${service.namespace}/${service.name}` },
          path: host.path,
          part: host.written,
          related: [{ object: service.object, path: ['metadata', 'name'], message: `Service "${service.name}" is declared here` }],
          fix: replaceInValueFix(object, host.path, host.written, host.written.replace(host.host, closest), `Change the host to "${closest}"`),
        });
        return true;
      }
      // `cart` from another namespace: the Service of that name is one namespace away
      if (host.host.includes('.')) return false;
      const elsewhere = model.services().filter((service) => service.name === lookup.name && service.namespace !== lookup.namespace && !hasPlaceholder(service.namespace));
      const namespaces = [...new Set(elsewhere.map((service) => service.namespace))];
      if (namespaces.length !== 1 || !object.namespaceDeclared || !elsewhere[0].object.namespaceDeclared) return false;
      const closest = `${lookup.name}.${namespaces[0]}`;
      context.report({
        messageId: 'otherNamespace',
        data: { ...data, other: namespaces[0], closest },
        path: host.path,
          part: host.written,
        related: [{ object: elsewhere[0].object, path: ['metadata', 'name'], message: `Service "${lookup.name}" in namespace "${namespaces[0]}"` }],
        fix: replaceInValueFix(object, host.path, host.written, host.written.replace(host.host, closest), `Change the host to "${closest}"`),
      });
      return true;
    });
  },
});

const MAX_TYPO_EDITS = 2;
