import { hasPlaceholder } from '../placeholders';
import { containerPortsOf } from '../references/containerPorts';
import { isGkePodMonitor, isPodScrapingMonitor, monitorEndpoints, monitorSelection, podsMonitoredBy } from '../references/monitorSelection';
import { closestName } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'podmonitor-port-not-found',
    description: "A prometheus-operator PodMonitor `podMetricsEndpoints[].port`, or a GKE PodMonitoring / ClusterPodMonitoring `endpoints[].port` written as a name, that is not the name of a container port of the Pods it selects: that endpoint is silently never scraped. (GKE's monitors also take a port number, which is not judged.)",
    remediation: 'Set the endpoint\'s port to the name of a containers[].ports[] entry of the selected Pods (name the container port if it has none).',
    severity: 'error',
    kinds: ['PodMonitor', 'PodMonitoring', 'ClusterPodMonitoring'],
    scope: 'cluster',
    messages: {
      notFound: 'spec.{{list}}[{{index}}].port "{{port}}" is not the name of a container port of {{owners}} (port names: {{names}}), so this endpoint is never scraped.',
      didYouMean: 'spec.{{list}}[{{index}}].port "{{port}}" is not the name of a container port of {{owners}}; did you mean "{{closest}}"? Until then this endpoint is never scraped.',
      number: 'spec.{{list}}[{{index}}].port "{{port}}" is a port number, but port takes the name of a container port; {{hint}} Until then this endpoint is never scraped.',
    },
    example: {
      wrong: 'kind: Deployment\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - name: api\n        ports: [{name: metrics, containerPort: 9090}]\n---\nkind: PodMonitor\nspec:\n  selector:\n    matchLabels: {app: api}\n  podMetricsEndpoints: [{port: metric}]',
      right: 'kind: Deployment\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - name: api\n        ports: [{name: metrics, containerPort: 9090}]\n---\nkind: PodMonitor\nspec:\n  selector:\n    matchLabels: {app: api}\n  podMetricsEndpoints: [{port: metrics}]',
    },
  },
  check(context, monitor) {
    if (!isPodScrapingMonitor(monitor) || monitorSelection(monitor).placeholder) return;
    // GKE scrapes a port number on the Pod's IP, declared or not
    const numbersAllowed = isGkePodMonitor(monitor);
    const pods = podsMonitoredBy(context.model, monitor);
    const ports = containerPortsOf(pods);
    if (pods.length === 0 || ports.some((port) => hasPlaceholder(port.name))) return;
    const owners = [...new Set(pods.map((pod) => pod.template.owner))];
    const describedOwners = owners.slice(0, 3).map((owner) => `${owner.kind} "${owner.name}"`).join(', ') + (owners.length > 3 ? ` and ${owners.length - 3} more` : '');
    const names = [...new Set(ports.flatMap((port) => (port.name ? [`"${port.name}"`] : [])))].join(', ') || 'none, its container ports are unnamed';
    for (const endpoint of monitorEndpoints(monitor)) {
      const port = endpoint.port;
      if (port === undefined || hasPlaceholder(port) || ports.some((candidate) => candidate.name === port)) continue;
      if (numbersAllowed && /^\d+$/.test(port)) continue;
      const path = ['spec', endpoint.list, endpoint.index, 'port'];
      const data = { list: endpoint.list, index: endpoint.index, port, owners: describedOwners, names };
      const rename = (name: string) => replaceFix(monitor, path, name, `Change the port to "${name}"`);
      if (/^\d+$/.test(port)) {
        const meant = ports.find((candidate) => candidate.containerPort === Number(port));
        const hint = meant?.name ? `did you mean "${meant.name}", container port ${port}?` : meant ? `container port ${port} has no name: name it and use the name.` : 'no container port has this number.';
        context.report({ messageId: 'number', data: { ...data, hint }, path, fix: meant?.name ? rename(meant.name) : undefined });
        continue;
      }
      const closest = closestName(port, ports.flatMap((candidate) => (candidate.name ? [candidate.name] : [])));
      if (closest) context.report({ messageId: 'didYouMean', data: { ...data, closest }, path, fix: rename(closest) });
      else context.report({ messageId: 'notFound', data, path });
    }
  },
});
