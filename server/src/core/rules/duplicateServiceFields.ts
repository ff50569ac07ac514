import { declaredServiceIPs } from '../model/clusterModel';
import { canonicalIp } from '../model/ip';
import type { ServiceView } from '../model/serviceView';
import type { ValuePath } from '../yaml/sourceLocator';

/** Two views are the same Service when kind, namespace and name agree (a duplicate definition). */
export function sameService(a: ServiceView, b: ServiceView): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}

/** The cluster IPs a Service's manifest declares (not simulated), with the path each is written at. */
export function declaredClusterIps(service: ServiceView): { ip: string; path: ValuePath }[] {
  const { clusterIP, clusterIPs } = service.spec;
  // the declared ones only: reading service.clusterIPs would allocate over every Service
  return declaredServiceIPs(service)
    .map((assigned) => {
      const index = clusterIPs?.findIndex((ip) => canonicalIp(ip) === canonicalIp(assigned.ip)) ?? -1;
      const written = clusterIP !== undefined && canonicalIp(clusterIP) === canonicalIp(assigned.ip);
      return { ip: assigned.ip, path: written || index < 0 ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs', index] };
    });
}
