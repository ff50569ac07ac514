/**
 * Simulated connections: from a Pod to HOST:PORT through the cluster DNS, the Service, its
 * endpoints and every NetworkPolicy (see core/policy).
 *
 * Public API: `parseConnectTarget(text)`, `simulateConnection(model, pod, target, protocol)`,
 * `renderConnection(simulation)` (the transcript), `connectionToJson(simulation)` (the CLI contract).
 */
export { parseConnectTarget, type ConnectTarget } from './connectTarget';
export { simulateConnection, type BackendResult, type ConnectionSimulation, type ConnectVerdict } from './simulateConnection';
export { connectionToJson, renderConnection } from './renderConnection';
