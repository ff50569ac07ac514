import { connectionToJson, parseConnectTarget, renderConnection, simulateConnection } from '../core/connect/index';
import type { ClusterModel } from '../core/model/clusterModel';
import type { SimulateConnectionParams, SimulateConnectionResult } from '../protocol';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** The connection simulation of `kube-lookup connect`, for the editor command. */
export function simulateConnectionRequest(model: ClusterModel, params: SimulateConnectionParams): SimulateConnectionResult {
  const pod = model.podsIn(params.from.namespace).find((candidate) => candidate.name === params.from.pod);
  if (!pod) throw new Error(`no Pod ${params.from.namespace}/${params.from.pod} in this workspace`);
  const protocol = (params.protocol ?? 'TCP').toUpperCase();
  if (!PROTOCOLS.includes(protocol)) throw new Error(`protocol must be one of ${PROTOCOLS.join(', ')}, not "${params.protocol}"`);
  const target = parseConnectTarget(params.target);
  if (typeof target === 'string') return { verdict: 'usage', report: null, transcript: `;; ${target}\n` };
  const simulation = simulateConnection(model, pod, target, protocol);
  return {
    verdict: simulation.verdict,
    report: connectionToJson(simulation),
    transcript: `$ kube-lookup connect ${params.target} --from ${pod.namespace}/${pod.name}${protocol === 'TCP' ? '' : ` --protocol ${protocol}`}\n${renderConnection(simulation)}`,
  };
}
