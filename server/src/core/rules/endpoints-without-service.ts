import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import { closestNamed } from './closestName';
import { defineRule } from './types';
import { servicesNamedByPlaceholder } from './placeholderMatches';
import { hasPlaceholder } from '../placeholders';

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
    if (!endpoints.name || hasPlaceholder(endpoints.name) || context.model.service(endpoints.namespace, endpoints.name)) return;
    if (servicesNamedByPlaceholder(context.model, endpoints.namespace)) return;
    // GlusterFS volumes read their servers from an Endpoints object by name: no Service needed.
    if (glusterfsEndpoints(context.model, endpoints.namespace).has(endpoints.name)) return;
    const service = closestNamed(endpoints.name, context.model.servicesIn(endpoints.namespace));
    const closest = service?.name;
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

/** The pod lists of a model generation are new arrays, so a cache keyed by them never goes stale. */
const glusterfsCache = new WeakMap<readonly PodView[], Set<string>>();

/** Endpoints names the GlusterFS volumes of a namespace's Pods read: collected once, not per Endpoints. */
function glusterfsEndpoints(model: ClusterModel, namespace: string): Set<string> {
  const pods = model.podsIn(namespace);
  let names = glusterfsCache.get(pods);
  if (!names) {
    names = new Set(pods.flatMap((pod) => (pod.template.spec.volumes ?? []).flatMap((volume) => (volume.glusterfs?.endpoints ? [volume.glusterfs.endpoints] : []))));
    glusterfsCache.set(pods, names);
  }
  return names;
}
