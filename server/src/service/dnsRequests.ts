import type { ClusterModel } from '../core/model/clusterModel';
import type { RecordsResult, SimulateNslookupParams, SimulateNslookupResult } from '../protocol';

// The DNS simulation lives in core/dns (branch dns); these two functions are where it plugs in.
export function simulateNslookup(_model: ClusterModel, _params: SimulateNslookupParams): SimulateNslookupResult {
  throw new Error('the DNS simulation (core/dns) is not merged yet');
}

export function recordsAt(_model: ClusterModel, _uri: string, _offset: number): RecordsResult {
  throw new Error('the DNS simulation (core/dns) is not merged yet');
}
