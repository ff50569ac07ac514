import { SERVICE_NAME_LABEL } from '../model/computeBackends';
import { closestNamed } from './closestName';
import { defineRule } from './types';
import { servicesNamedByPlaceholder } from './placeholderMatches';
import { hasPlaceholder } from '../placeholders';

export default defineRule({
  meta: {
    id: 'endpointslice-without-service',
    description: `An EndpointSlice binds to a Service through its \`${SERVICE_NAME_LABEL}\` label, not its name; without the label, or with a label naming no Service, its endpoints serve nothing.`,
    remediation: `Label the EndpointSlice \`${SERVICE_NAME_LABEL}: <service>\` with the name of a Service in the same namespace.`,
    severity: 'error',
    kinds: ['EndpointSlice'],
    scope: 'cluster',
    messages: {
      noLabel: `EndpointSlice "{{name}}" has no ${SERVICE_NAME_LABEL} label, so no Service uses its endpoints; CoreDNS and kube-proxy find slices by that label.`,
      noService: `label ${SERVICE_NAME_LABEL}: {{service}} names no Service in namespace "{{namespace}}", so these endpoints serve nothing.`,
      didYouMean: `label ${SERVICE_NAME_LABEL}: {{service}} names no Service in namespace "{{namespace}}"; did you mean Service "{{closest}}"?`,
    },
    example: {
      wrong: 'kind: EndpointSlice\nmetadata:\n  name: database-1\naddressType: IPv4',
      right: `kind: EndpointSlice\nmetadata:\n  name: database-1\n  labels:\n    ${SERVICE_NAME_LABEL}: database\naddressType: IPv4`,
    },
  },
  check(context, slice) {
    const serviceName = slice.labels[SERVICE_NAME_LABEL];
    if (serviceName === undefined) {
      context.report({ messageId: 'noLabel', data: { name: slice.name }, path: ['metadata', 'name'] });
      return;
    }
    if (hasPlaceholder(serviceName) || context.model.service(slice.namespace, serviceName)) return;
    if (servicesNamedByPlaceholder(context.model, slice.namespace)) return;
    const service = closestNamed(serviceName, context.model.servicesIn(slice.namespace));
    const closest = service?.name;
    const path = ['metadata', 'labels', SERVICE_NAME_LABEL];
    context.report({
      messageId: closest ? 'didYouMean' : 'noService',
      data: { service: serviceName, namespace: slice.namespace, closest: closest ?? '' },
      path,
      related: service ? [{ object: service.object, path: ['metadata', 'name'], message: `Service "${service.name}" is declared here` }] : [],
      fix: closest
        ? (fixContext) => {
            const place = fixContext.locate({ object: slice, path });
            return { title: `Point the label at Service "${closest}"`, edits: [{ file: place.file, span: place.span, newText: closest }] };
          }
        : undefined,
    });
  },
});
