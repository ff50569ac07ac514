import { closestName } from './closestName';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'endpoints-without-service',
    description: 'An Endpoints object whose name matches no Service in its namespace is never used: Endpoints bind to the Service of the same name.',
    remediation: 'Name the Endpoints exactly like the selector-less Service it backs, in the same namespace.',
    severity: 'error',
    kinds: ['Endpoints'],
    scope: 'cluster',
    messages: {
      noService: 'Endpoints "{{name}}" matches no Service in namespace "{{namespace}}"; Endpoints bind to the Service of the same name, so these addresses are not used.',
      didYouMean: 'Endpoints "{{name}}" matches no Service in namespace "{{namespace}}"; did you mean Service "{{closest}}"? Endpoints bind to the Service of the same name.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: database}\n---\nkind: Endpoints\nmetadata: {name: databse}',
      right: 'kind: Service\nmetadata: {name: database}\n---\nkind: Endpoints\nmetadata: {name: database}',
    },
  },
  check(context, endpoints) {
    if (!endpoints.name || context.model.service(endpoints.namespace, endpoints.name)) return;
    // the in-tree GlusterFS volume plugin reads an Endpoints object by name; such Endpoints back a volume, not a Service
    if (context.model.podsIn(endpoints.namespace).some((pod) => glusterfsEndpoints(pod.template.spec).includes(endpoints.name))) return;
    const services = context.model.servicesIn(endpoints.namespace);
    const closest = closestName(endpoints.name, services.map((service) => service.name));
    const service = closest ? services.find((candidate) => candidate.name === closest) : undefined;
    context.report({
      messageId: closest ? 'didYouMean' : 'noService',
      data: { name: endpoints.name, namespace: endpoints.namespace, closest: closest ?? '' },
      path: ['metadata', 'name'],
      related: service ? [{ object: service.object, path: ['metadata', 'name'], message: `Service "${service.name}" is declared here` }] : [],
      fix: closest
        ? (fixContext) => {
            const place = fixContext.locate({ object: endpoints, path: ['metadata', 'name'] });
            return { title: `Rename the Endpoints to "${closest}"`, edits: [{ file: place.file, span: place.span, newText: closest }] };
          }
        : undefined,
    });
  },
});

function glusterfsEndpoints(spec: Readonly<Record<string, unknown>>): string[] {
  if (!Array.isArray(spec.volumes)) return [];
  return spec.volumes.flatMap((volume: unknown) => {
    const endpoints = (volume as { glusterfs?: { endpoints?: unknown } } | null)?.glusterfs?.endpoints;
    return typeof endpoints === 'string' ? [endpoints] : [];
  });
}
