import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, integer, list, record, text } from './fields';

/** A `backend.service` of an Ingress (networking.k8s.io/v1): a Service of the Ingress's namespace and one of its ports. */
export interface IngressServiceBackend {
  /** Path to the `service` mapping. */
  readonly path: ValuePath;
  /** `spec.defaultBackend.service` or `spec.rules[0].http.paths[1].backend.service`, for messages. */
  readonly field: string;
  readonly name?: string;
  /** `port.number`: a port of the Service (not its target port). */
  readonly portNumber?: number;
  /** `port.name`: the name of a port of the Service. */
  readonly portName?: string;
}

/** Every Service backend of an Ingress, the default one first; resource backends are not Services. */
export function ingressServiceBackends(ingress: ManifestObject): IngressServiceBackend[] {
  const spec = at(ingress.body, 'spec');
  const backends: IngressServiceBackend[] = [];
  const add = (service: unknown, path: ValuePath, field: string): void => {
    const value = record(service);
    if (!value) return;
    const port = record(value.port);
    backends.push({ path, field, name: text(value.name), portNumber: integer(port?.number), portName: text(port?.name) });
  };
  add(at(spec, 'defaultBackend', 'service'), ['spec', 'defaultBackend', 'service'], 'spec.defaultBackend.service');
  list(at(spec, 'rules')).forEach((rule, ruleIndex) => {
    list(at(rule, 'http', 'paths')).forEach((httpPath, pathIndex) => {
      add(at(httpPath, 'backend', 'service'), ['spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'backend', 'service'], `spec.rules[${ruleIndex}].http.paths[${pathIndex}].backend.service`);
    });
  });
  return backends;
}
