import type { IpFamily } from './ip';
import type { ManifestObject } from './manifestObject';
import type { PodView } from './podView';

export interface EndpointPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** One address behind a Service, as the EndpointSlice controller (or a hand-written object) gives it. */
export interface ServiceEndpoint {
  readonly ip: string;
  readonly family: IpFamily;
  readonly ready: boolean;
  /** Set only when DNS publishes a per-endpoint name: hostname + subdomain = Service, or written by hand. */
  readonly hostname?: string;
  readonly pod?: PodView;
  /** The name in the endpoint's `targetRef` (the Pod's name for selector endpoints), which CoreDNS `endpoint_pod_names` uses. */
  readonly targetRefName?: string;
  readonly nodeName?: string;
  readonly ports: readonly EndpointPort[];
  /** Service ports that FindPort could not resolve for this Pod. */
  readonly unresolvedPorts: readonly { readonly portIndex: number; readonly reason: string }[];
  readonly source: ManifestObject;
  readonly simulated: boolean;
}

export interface ServiceBackends {
  readonly endpoints: readonly ServiceEndpoint[];
  /** How the endpoints came about. */
  readonly origin: 'selector' | 'hand-written' | 'none' | 'external-name';
  /** Hand-written Endpoints the cluster ignores for this Service, with the reason. */
  readonly ignored: readonly { readonly object: ManifestObject; readonly reason: string }[];
}
