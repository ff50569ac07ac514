import { dnsProfileOf } from '../corefile/profileOf';
import type { ClusterModel } from '../model/clusterModel';
import { corefileAnswer } from './corefileAnswer';
import type { QueryType } from './dnsRecord';
import { specZoneAnswer } from './specZoneAnswer';
import { upstreamAnswer } from './upstream';
import { isInZone, isReverseName, normalizeName } from './dnsName';
import { zoneOf } from './records';
import type { ZoneAnswer } from './zoneAnswer';

/**
 * One question to the cluster DNS Service, answered as the chosen profile does: `coredns` (the
 * Corefile's server — given by the settings, the manifests' kube-system/coredns ConfigMap, or
 * kubeadm's built from the DNS settings — with CoreDNS's kubernetes, rewrite, hosts and forward
 * plugins) or `spec` (only what kubernetes/dns 1.1.0 requires, names outside the zone forwarded).
 * The question's case is kept in the answer.
 */
export function answerQuestion(model: ClusterModel, qname: string, qtype: QueryType): ZoneAnswer {
  if (model.settings.dnsProfile !== 'spec') return corefileAnswer(model, dnsProfileOf(model), qname, qtype);
  const name = normalizeName(qname);
  const zone = zoneOf(model.settings);
  const inZone = isInZone(name, zone) || isReverseName(name);
  if (!inZone) return upstreamAnswer(model.settings, qname, qtype, `${name} is outside the cluster zone ${zone}: the cluster DNS forwards it to the upstream resolver`);
  return specZoneAnswer(model, qname, qtype);
}
