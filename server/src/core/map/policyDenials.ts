import type { ClusterModel } from '../model/clusterModel';
import type { PodView } from '../model/podView';
import { policiesSelecting } from '../policy/evaluatePolicies';
import { policyName } from '../policy/networkPolicy';
import { podEndpoint } from '../policy/policyEndpoint';
import { portMatches } from '../policy/policyMatch';

/**
 * Why no client at all can reach a Pod on a port, when NetworkPolicy says so: some policy selects
 * the Pod for Ingress and no ingress rule of any selecting policy lists the port (a rule without
 * ports lists every port). A rule that lists the port but only for some peers still lets those in,
 * so the path is open for them: the map marks only what is closed to everyone.
 */
export function ingressClosedReason(model: ClusterModel, pod: PodView, port: number, protocol: string): string | undefined {
  const destination = podEndpoint(pod);
  if (destination.pod?.hostNetwork) return undefined;
  const policies = policiesSelecting(model, destination, 'ingress');
  if (policies.length === 0) return undefined;
  const connection = { port, protocol };
  const open = policies.some((policy) => policy.ingress.some((rule) => !rule.ports?.length || rule.ports.some((entry) => portMatches(entry, connection, destination))));
  if (open) return undefined;
  const names = policies.map((policy) => policyName(policy)).join(', ');
  return `NetworkPolicy ${names} ${policies.length === 1 ? 'selects' : 'select'} these Pods for Ingress and no rule allows ${port}/${protocol} from anywhere`;
}
