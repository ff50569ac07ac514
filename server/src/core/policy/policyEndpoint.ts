import type { PodView } from '../model/podView';
import type { ContainerSpec } from '../model/schemas/podSpec';

/**
 * One end of a connection as NetworkPolicy sees it: a Pod (its namespace, labels, address and
 * declared container ports) or an address outside every Pod.
 */
export interface PolicyEndpoint {
  /** `namespace/name` of the Pod, or the address. */
  readonly label: string;
  readonly pod?: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    /** hostNetwork Pods are not subject to NetworkPolicy; their traffic is the node's. */
    readonly hostNetwork: boolean;
    readonly nodeName?: string;
    readonly containers: readonly ContainerSpec[];
    /** Set for a Pod kube-lookup assumes (the cluster DNS when the workspace declares none). */
    readonly assumed?: string;
  };
  /** Undefined when no address is known (an assumed Pod): only an ipBlock covering every Pod address matches it. */
  readonly ip?: string;
}

export function podEndpoint(pod: PodView): PolicyEndpoint {
  const { spec } = pod.template;
  return {
    label: `${pod.namespace}/${pod.name}`,
    pod: {
      name: pod.name, namespace: pod.namespace, labels: pod.labels, hostNetwork: spec.hostNetwork === true, nodeName: pod.nodeName,
      containers: [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always')],
    },
    ip: pod.ips[0]?.ip,
  };
}

export function addressEndpoint(ip: string): PolicyEndpoint {
  return { label: ip, ip };
}
