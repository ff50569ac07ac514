import { SERVICE_NAME_LABEL } from '../model/computeBackends';
import type { ManifestObject } from '../model/manifestObject';
import { endpointSliceSchema, endpointsSchema } from '../model/schemas/endpoints';
import type { ValuePath } from '../yaml/sourceLocator';
import { closestName } from './closestName';
import { defineRule } from './types';
import { hasPlaceholder } from '../placeholders';

interface WrittenPort {
  readonly name: string;
  readonly path: ValuePath;
}

export default defineRule({
  meta: {
    id: 'endpoint-port-name-mismatch',
    description: "A port of hand-written Endpoints or an EndpointSlice whose name matches no port name of its Service: kube-proxy pairs Service ports with endpoint ports by name, so that port gets no traffic.",
    remediation: 'Give the endpoint port exactly the name of the Service port it backs (both unnamed for a single unnamed Service port).',
    severity: 'warning',
    kinds: ['Endpoints', 'EndpointSlice'],
    scope: 'cluster',
    messages: {
      noMatch: 'port name "{{port}}" matches no port of Service "{{service}}" (its port names: {{names}}); Service and endpoint ports are paired by name, so this port gets no traffic.',
      didYouMean: 'port name "{{port}}" matches no port of Service "{{service}}"; did you mean "{{closest}}"? Service and endpoint ports are paired by name, so this port gets no traffic.',
      unnamed: 'this port has no name, but the ports of Service "{{service}}" are named ({{names}}); Service and endpoint ports are paired by name, so this port gets no traffic.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: database}\nspec:\n  ports: [{name: sql, port: 5432}]\n---\nkind: Endpoints\nmetadata: {name: database}\nsubsets:\n- addresses: [{ip: 10.0.0.5}]\n  ports: [{name: postgres, port: 5432}]',
      right: 'kind: Service\nmetadata: {name: database}\nspec:\n  ports: [{name: sql, port: 5432}]\n---\nkind: Endpoints\nmetadata: {name: database}\nsubsets:\n- addresses: [{ip: 10.0.0.5}]\n  ports: [{name: sql, port: 5432}]',
    },
  },
  check(context, object) {
    const serviceName = object.kind === 'Endpoints' ? object.name : object.labels[SERVICE_NAME_LABEL];
    const service = serviceName ? context.model.service(object.namespace, serviceName) : undefined;
    // an Endpoints object of a Service with a selector is overwritten anyway (endpoints-for-selector-service)
    if (!service || service.type === 'ExternalName' || (object.kind === 'Endpoints' && service.selector)) return;
    const serviceNames = service.ports.map((port) => port.name ?? '');
    // a port named by a placeholder may match any name once substituted
    if (serviceNames.length === 0 || serviceNames.some((name) => hasPlaceholder(name))) return;
    const named = serviceNames.filter((name) => name !== '');
    const names = named.length > 0 ? named.map((name) => `"${name}"`).join(', ') : 'none, the port is unnamed';
    for (const port of writtenPorts(object)) {
      if (serviceNames.includes(port.name) || hasPlaceholder(port.name)) continue;
      const data = { port: port.name, service: service.name, names };
      const related = [{ object: service.object, path: ['spec', 'ports'], on: 'key' as const, message: `the ports of Service "${service.name}"` }];
      if (port.name === '') {
        context.report({ messageId: 'unnamed', data, path: [...port.path, 'port'], related });
        continue;
      }
      const closest = closestName(port.name, named);
      context.report({
        messageId: closest ? 'didYouMean' : 'noMatch',
        data: { ...data, closest: closest ?? '' },
        path: [...port.path, 'name'],
        related,
        fix: closest
          ? (fixContext) => {
              const place = fixContext.locate({ object, path: [...port.path, 'name'] });
              return { title: `Rename the port to "${closest}"`, edits: [{ file: place.file, span: place.span, newText: closest }] };
            }
          : undefined,
      });
    }
  },
});

function writtenPorts(object: ManifestObject): WrittenPort[] {
  if (object.kind === 'Endpoints') {
    const body = endpointsSchema.safeParse(object.body ?? {}).data ?? {};
    return (body.subsets ?? []).flatMap((subset) => (subset.ports ?? []).map((port) => ({ name: port.name ?? '', path: ['subsets', subset.index, 'ports', port.index] })));
  }
  const body = endpointSliceSchema.safeParse(object.body ?? {}).data ?? {};
  return (body.ports ?? []).map((port) => ({ name: port.name ?? '', path: ['ports', port.index] }));
}
