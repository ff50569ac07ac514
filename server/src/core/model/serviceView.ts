import type { IpFamily } from './ip';
import type { ManifestObject } from './manifestObject';
import { readServiceSpecPlain } from './schemas/plainReaders';
import type { ServiceSpec } from './schemas/service';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  readonly index: number;
  readonly name?: string;
  readonly protocol: string;
  readonly port?: number;
  /** As written, or the port number when absent (API defaulting). */
  readonly targetPort?: number | string;
  readonly nodePort?: number;
  readonly nodePortSimulated: boolean;
}

export interface AssignedIp {
  readonly ip: string;
  readonly family: IpFamily;
  readonly simulated: boolean;
}

/** A Service as the cluster sees it after defaulting. */
export interface ServiceView {
  readonly object: ManifestObject;
  readonly name: string;
  readonly namespace: string;
  readonly type: ServiceType | string;
  /** `clusterIP: None`. */
  readonly headless: boolean;
  readonly clusterIPs: readonly AssignedIp[];
  /** Undefined when the Service has no selector (absent or empty). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  readonly externalName?: string;
  readonly publishNotReadyAddresses: boolean;
  readonly spec: ServiceSpec;
}

export function readServiceSpec(object: ManifestObject): ServiceSpec {
  return readServiceSpecPlain(object.body?.spec ?? {}) ?? {};
}

export function serviceType(spec: ServiceSpec): string {
  return spec.type ?? 'ClusterIP';
}

export function isHeadless(spec: ServiceSpec): boolean {
  return spec.clusterIP === 'None' || (spec.clusterIP === undefined && spec.clusterIPs?.[0] === 'None');
}
