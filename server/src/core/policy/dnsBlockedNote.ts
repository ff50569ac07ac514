import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import { dnsReachability } from './clusterDns';
import { podEndpoint } from './policyEndpoint';

/**
 * A line for lookup transcripts when NetworkPolicy keeps the Pod from the cluster DNS: the
 * simulated answer is what the server would say, but the question never arrives.
 */
export function dnsBlockedNote(model: ClusterModel, pod: PodView): string | undefined {
  const reach = model.seenFrom(pod.template.owner.file, () => dnsReachability(model, podEndpoint(pod)));
  const { udp, tcp } = reach;
  if (!reach.blocked) {
    return tcp.allowed ? undefined : `NetworkPolicy allows UDP 53 to the cluster DNS but not TCP 53 (${(tcp.verdict.egress.allowed ? tcp.verdict.ingress : tcp.verdict.egress).reason}): answers too large for UDP fail`;
  }
  const denied = udp.verdict.egress.allowed ? udp.verdict.ingress : udp.verdict.egress;
  return `NetworkPolicy blocks DNS: ${denied.reason}; in the cluster this lookup times out (kube-lookup connect shows the path)${reach.assumed ? '; the cluster DNS Pods are assumed to be kubeadm\'s CoreDNS (kube-system, k8s-app=kube-dns)' : ''}`;
}
