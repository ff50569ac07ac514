import type { PodSpec } from './schemas/podSpec';
import type { ServicePort } from './serviceView';

export type PortResolution =
  | { readonly ok: true; readonly port: number; readonly container?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * kube-proxy's FindPort: a numeric targetPort is used as it is; a named one must match a container
 * port of that name and protocol, in the containers or in restartable (sidecar) init containers.
 */
export function findPort(spec: PodSpec, servicePort: ServicePort): PortResolution {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return { ok: true, port: target };
  if (target === undefined) return { ok: false, reason: 'the Service port has no port number' };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always')];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === servicePort.protocol && port.containerPort !== undefined) {
        return { ok: true, port: port.containerPort, container: container.name };
      }
    }
  }
  return { ok: false, reason: `no container port named "${target}" with protocol ${servicePort.protocol}` };
}
