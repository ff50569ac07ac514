import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import type { ValuePath } from '../yaml/sourceLocator';

/** A container port of a Pod template, with where it is written. */
export interface ContainerPortAt {
  readonly owner: ManifestObject;
  readonly name?: string;
  readonly containerPort?: number;
  /** Path from the owner to the port's mapping. */
  readonly path: ValuePath;
}

/** The container ports (sidecar and other init containers included) of the templates the Pods come from, each template once. */
export function containerPortsOf(pods: readonly PodView[]): ContainerPortAt[] {
  const ports: ContainerPortAt[] = [];
  for (const template of new Set(pods.map((pod) => pod.template))) {
    for (const key of ['containers', 'initContainers'] as const) {
      for (const container of template.spec[key] ?? []) {
        for (const port of container.ports ?? []) {
          ports.push({ owner: template.owner, name: port.name, containerPort: port.containerPort, path: [...template.templatePath, 'spec', key, container.index, 'ports', port.index] });
        }
      }
    }
  }
  return ports;
}
