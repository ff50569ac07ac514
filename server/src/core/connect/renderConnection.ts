import { resolutionToJson } from '../dns/renderNslookup';
import { describeRule, type DirectionVerdict } from '../policy/evaluatePolicies';
import { policyName } from '../policy/networkPolicy';
import type { ConnectionSimulation } from './simulateConnection';

/** The deciding policy of one direction, as JSON: null fields when no policy decided. */
function decisionJson(verdict: DirectionVerdict | undefined): object | null {
  if (!verdict) return null;
  const decided = verdict.decidedBy;
  return {
    allowed: verdict.allowed,
    isolated: verdict.isolated,
    policy: decided ? policyName(decided.policy) : null,
    rule: decided?.rule ? describeRule(decided.rule, decided.peer, decided.port) : null,
    reason: verdict.reason,
  };
}

/** The CLI's JSON contract: `{from, target, port, protocol, dns, dnsPolicy, service, backends, verdict, reasons}`. */
export function connectionToJson(simulation: ConnectionSimulation): object {
  const { service, dnsReach } = simulation;
  return {
    from: `${simulation.from.namespace}/${simulation.from.name}`,
    target: simulation.target.host,
    port: simulation.target.port,
    protocol: simulation.protocol,
    dns: simulation.resolution && !dnsReach?.blocked ? resolutionToJson(simulation.resolution) : null,
    dnsPolicy: dnsReach ? {
      blocked: dnsReach.blocked,
      assumedDnsPods: dnsReach.assumed,
      udp: { allowed: dnsReach.udp.allowed, to: dnsReach.udp.destination.label, egress: decisionJson(dnsReach.udp.verdict.egress), ingress: decisionJson(dnsReach.udp.verdict.ingress) },
      tcp: { allowed: dnsReach.tcp.allowed, to: dnsReach.tcp.destination.label, egress: decisionJson(dnsReach.tcp.verdict.egress), ingress: decisionJson(dnsReach.tcp.verdict.ingress) },
    } : null,
    address: simulation.address ?? null,
    service: service ? {
      name: `${service.view.namespace}/${service.view.name}`,
      type: service.view.type,
      clusterIPs: service.view.clusterIPs.map((assigned) => assigned.ip),
      port: service.port ? { name: service.port.name ?? null, port: service.port.port, protocol: service.port.protocol, targetPort: service.port.targetPort ?? service.port.port } : null,
    } : null,
    backends: simulation.backends.map((backend) => ({
      pod: backend.destination.pod ? `${backend.destination.pod.namespace}/${backend.destination.pod.name}` : null,
      ip: backend.ip,
      port: backend.port ?? null,
      allowed: backend.allowed,
      decidedBy: backend.verdict ? { egress: decisionJson(backend.verdict.egress), ingress: decisionJson(backend.verdict.ingress) } : null,
      reason: backend.reason,
    })),
    verdict: simulation.verdict,
    reasons: simulation.reasons,
  };
}

/** The transcript: the path step by step, then the verdict. */
export function renderConnection(simulation: ConnectionSimulation): string {
  const { target, from } = simulation;
  const out: string[] = [`connect ${target.text} from ${from.namespace}/${from.name} (${simulation.protocol}${target.portFromScheme ? `, port ${target.port} from ${target.scheme}://` : ''})`, ''];
  for (const reason of simulation.reasons) out.push(`;; ${reason}`);
  if (simulation.backends.length > 0) {
    out.push('');
    out.push('backends:');
    for (const backend of simulation.backends) {
      out.push(`  ${backend.allowed ? '✔' : '✘'} ${backend.destination.label}  ${backend.ip}${backend.port !== undefined ? `:${backend.port}` : ''}`);
      if (backend.verdict) {
        out.push(`      egress:  ${backend.verdict.egress.reason}`);
        out.push(`      ingress: ${backend.verdict.ingress.reason}`);
      } else out.push(`      ${backend.reason}`);
    }
  }
  out.push('', `verdict: ${simulation.verdict}`);
  return `${out.join('\n')}\n`;
}
