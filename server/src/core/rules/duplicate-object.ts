import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'duplicate-object',
    description: 'The same object (kind, namespace and name) is defined more than once in one file; `kubectl apply -f` applies each in turn, so the last definition silently replaces the others.',
    remediation: 'Delete or rename one of the definitions; definitions in different files are taken for alternatives (overlays, per-cloud variants) and are not reported.',
    severity: 'warning',
    kinds: ['*'],
    scope: 'cluster',
    messages: {
      duplicate: '{{kind}} "{{name}}"{{where}} is defined {{count}} times in this file; applying it keeps only the last definition.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n---\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 8080}]',
      right: 'kind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n---\nkind: Service\nmetadata: {name: web-admin}\nspec:\n  ports: [{port: 8080}]',
    },
  },
  check(context, object) {
    if (!object.name) return;
    const definitions = context.model.objectsNamed(object.kind, object.namespace, object.name).filter((other) => other.file === object.file);
    if (definitions.length < 2) return;
    context.report({
      messageId: 'duplicate',
      data: { kind: object.kind, name: object.name, where: object.namespace ? ` in namespace "${object.namespace}"` : '', count: definitions.length },
      path: ['metadata', 'name'],
      related: definitions.filter((other) => other !== object).map((other) => ({ object: other, path: ['metadata', 'name'], message: `${object.kind} "${object.name}" is also defined here` })),
    });
  },
});
