import type { ManifestObject } from '../../model/manifestObject';
import { isRecord } from '../../model/extractObjects';
import { isApiObject, rawAt } from './apiObjects';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** One `spec.ports` item as the API validates it: after defaulting, before allocation. */
export interface PortUnderValidation {
  readonly index: number;
  readonly name: string;
  /** 0 when absent, as Go decodes it; undefined when not a number (a decode error, not ours). */
  readonly port: number | undefined;
  /** Defaulted to TCP when absent or empty. */
  readonly protocol: string;
  readonly protocolWritten: boolean;
  /** Undefined when absent, 0 or "": defaulting copies `port` into it. */
  readonly targetPort: number | string | undefined;
  readonly nodePort: number;
}

/** A v1 Service's spec as the API validates it: `type` defaulted, `clusterIP` copied into `clusterIPs`. */
export interface ServiceUnderValidation {
  readonly type: string;
  readonly typeWritten: boolean;
  readonly clusterIPs: readonly string[];
  /** Where the first cluster IP was written: `clusterIPs` when present, else `clusterIP`. */
  readonly clusterIPsField: 'clusterIP' | 'clusterIPs' | undefined;
  readonly headless: boolean;
  /** A non-empty selector: the Service is meant to route to Pods. */
  readonly hasSelector: boolean;
  readonly ports: readonly PortUnderValidation[];
}

/** Undefined when the object is not a whole v1 Service whose spec and ports decode (the API rejects those for other reasons). */
export function serviceUnderValidation(object: ManifestObject): ServiceUnderValidation | undefined {
  if (object.kind !== 'Service' || !isApiObject(object)) return undefined;
  // A Service without any spec is a stub or a patch fragment far more often than a real Service.
  const spec = rawAt(object, ['spec']);
  if (!isRecord(spec)) return undefined;
  const type = spec.type === undefined || spec.type === null || spec.type === '' ? undefined : spec.type;
  if (type !== undefined && typeof type !== 'string') return undefined;
  const rawPorts = spec.ports ?? [];
  if (!Array.isArray(rawPorts) || !rawPorts.every(isRecord)) return undefined;
  const { clusterIPs, clusterIPsField } = effectiveClusterIPs(spec.clusterIP, spec.clusterIPs);
  return {
    type: type ?? 'ClusterIP',
    typeWritten: type !== undefined,
    clusterIPs,
    clusterIPsField,
    headless: clusterIPs[0] === 'None',
    hasSelector: isRecord(spec.selector) && Object.keys(spec.selector).length > 0,
    ports: rawPorts.map((item, index) => readPort(item, index)),
  };
}

/** The API server's strategy fills `clusterIPs` from `clusterIP` before validation. */
function effectiveClusterIPs(clusterIP: unknown, clusterIPs: unknown): Pick<ServiceUnderValidation, 'clusterIPs' | 'clusterIPsField'> {
  if (Array.isArray(clusterIPs) && clusterIPs.length > 0) return { clusterIPs: clusterIPs.map(String), clusterIPsField: 'clusterIPs' };
  if (typeof clusterIP === 'string' && clusterIP !== '') return { clusterIPs: [clusterIP], clusterIPsField: 'clusterIP' };
  return { clusterIPs: [], clusterIPsField: undefined };
}

function readPort(item: Record<string, unknown>, index: number): PortUnderValidation {
  const protocol = typeof item.protocol === 'string' && item.protocol !== '' ? item.protocol : undefined;
  const port = item.port === undefined || item.port === null ? 0 : typeof item.port === 'number' && Number.isInteger(item.port) ? item.port : undefined;
  const target = item.targetPort;
  const targetPort = target === 0 || target === '' || target === null || target === undefined ? undefined : typeof target === 'number' || typeof target === 'string' ? target : undefined;
  return {
    index,
    name: typeof item.name === 'string' ? item.name : '',
    port,
    protocol: protocol ?? 'TCP',
    protocolWritten: protocol !== undefined,
    targetPort,
    nodePort: typeof item.nodePort === 'number' && Number.isInteger(item.nodePort) ? item.nodePort : 0,
  };
}
