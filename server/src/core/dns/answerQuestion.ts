import type { ClusterModel } from '../model/clusterModel';
import { coreDnsAnswer } from './coreDnsAnswer';
import { isInZone, isReverseName, normalizeName } from './dnsName';
import type { QueryType } from './dnsRecord';
import { zoneOf } from './records';
import { specZoneAnswer } from './specZoneAnswer';
import { upstreamAnswer } from './upstream';
import type { ZoneAnswer } from './zoneAnswer';

/**
 * One question to the cluster DNS Service, answered as the chosen profile does: `coredns` (CoreDNS's
 * kubernetes plugin as kubeadm configures it) or `spec` (only what kubernetes/dns 1.1.0 requires).
 * Names outside the cluster zone are forwarded upstream. The question's case is kept in the answer.
 */
export function answerQuestion(model: ClusterModel, qname: string, qtype: QueryType): ZoneAnswer {
  const name = normalizeName(qname);
  const zone = zoneOf(model.settings);
  const inZone = isInZone(name, zone) || isReverseName(name);
  if (!inZone) return upstreamAnswer(model.settings, qname, qtype, `${name} is outside the cluster zone ${zone}: the cluster DNS forwards it to the upstream resolver`);
  return model.settings.dnsProfile === 'spec' ? specZoneAnswer(model, qname, qtype) : coreDnsAnswer(model, qname, qtype);
}
