import type { ClusterModel } from '../model/clusterModel';
import { evaluateConnection, type ConnectionVerdict } from './evaluatePolicies';
import { podEndpoint, type PolicyEndpoint } from './policyEndpoint';

const DNS_NAMESPACE = 'kube-system';
const DNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

/** kubeadm's CoreDNS Pods, assumed when the workspace declares no cluster DNS Pods. */
export const ASSUMED_DNS_NOTE = 'the workspace declares no cluster DNS Pods: assuming kubeadm\'s CoreDNS Pods (namespace kube-system, label k8s-app=kube-dns, ports 53/UDP dns, 53/TCP dns-tcp, 9153/TCP metrics)';

export interface ClusterDnsPods {
  readonly pods: readonly PolicyEndpoint[];
  readonly assumed: boolean;
}

/** The Pods behind the cluster DNS Service: those of kube-system labelled k8s-app=kube-dns, or kubeadm's CoreDNS when none is declared. */
export function clusterDnsPods(model: ClusterModel): ClusterDnsPods {
  const declared = model.podsSelectedBy(DNS_NAMESPACE, DNS_LABELS);
  if (declared.length > 0) return { pods: declared.map(podEndpoint), assumed: false };
  return {
    assumed: true,
    pods: [{
      label: 'kube-system/coredns (assumed)',
      pod: {
        name: 'coredns (assumed)', namespace: DNS_NAMESPACE, labels: DNS_LABELS, hostNetwork: false, assumed: ASSUMED_DNS_NOTE,
        containers: [{ index: 0, name: 'coredns', ports: [
          { index: 0, name: 'dns', containerPort: 53, protocol: 'UDP' },
          { index: 1, name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { index: 2, name: 'metrics', containerPort: 9153, protocol: 'TCP' },
        ] }],
      },
    }],
  };
}

/** Whether a Pod reaches the cluster DNS on one protocol: through any of its Pods; the verdict shown is the one that allows, else the first. */
export interface DnsPath {
  readonly protocol: 'UDP' | 'TCP';
  readonly allowed: boolean;
  readonly destination: PolicyEndpoint;
  readonly verdict: ConnectionVerdict;
}

export interface DnsReachability {
  /** Lookups go over UDP 53: when no DNS Pod takes it, every lookup times out. */
  readonly blocked: boolean;
  readonly udp: DnsPath;
  /** TCP 53 carries answers too large for UDP (the truncated bit set). */
  readonly tcp: DnsPath;
  readonly assumed: boolean;
}

export function dnsReachability(model: ClusterModel, source: PolicyEndpoint): DnsReachability {
  const dns = clusterDnsPods(model);
  const path = (protocol: 'UDP' | 'TCP'): DnsPath => {
    let first: DnsPath | undefined;
    for (const destination of dns.pods) {
      const verdict = evaluateConnection(model, { source, destination, port: 53, protocol });
      const candidate = { protocol, allowed: verdict.allowed, destination, verdict };
      if (verdict.allowed) return candidate;
      first ??= candidate;
    }
    return first!;
  };
  const udp = path('UDP');
  return { blocked: !udp.allowed, udp, tcp: path('TCP'), assumed: dns.assumed };
}
