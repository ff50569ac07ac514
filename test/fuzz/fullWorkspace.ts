/**
 * One object of every modelled kind with every field the model reads filled in, wired together
 * (selectors match, subdomains name Services, Endpoints bind), so that replacing any one field
 * with a wrong value reaches the code that reads it.
 */
export function fullWorkspace(): Record<string, unknown>[] {
  const podSpec = {
    hostname: 'web-0', subdomain: 'web-headless', setHostnameAsFQDN: false, hostNetwork: false, dnsPolicy: 'ClusterFirst',
    dnsConfig: { nameservers: ['10.96.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
    enableServiceLinks: true, nodeName: 'node-1',
    containers: [{ name: 'web', restartPolicy: 'Always', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP', hostPort: 80 }] }],
    initContainers: [{ name: 'sidecar', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }] }],
  };
  const metadata = (name: string, labels: Record<string, string> = { app: 'web' }) => ({ name, namespace: 'shop', labels, annotations: { note: 'x' } });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
    {
      apiVersion: 'v1', kind: 'Service', metadata: metadata('web'),
      spec: {
        type: 'NodePort', clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', selector: { app: 'web' },
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' }, { name: 'raw', port: 81, targetPort: 8081 }],
        externalIPs: ['192.0.2.1'], publishNotReadyAddresses: false, loadBalancerIP: '192.0.2.2',
      },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.3', hostname: 'lb.example.com' }] } },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: metadata('web-headless'), spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }], publishNotReadyAddresses: true } },
    { apiVersion: 'v1', kind: 'Service', metadata: metadata('external'), spec: { type: 'ExternalName', externalName: 'db.example.com' } },
    { apiVersion: 'v1', kind: 'Service', metadata: metadata('manual'), spec: { ports: [{ port: 5432 }], ipFamilyPolicy: 'PreferDualStack' } },
    {
      apiVersion: 'v1', kind: 'Pod', metadata: metadata('web-pod'), spec: podSpec,
      status: { podIP: '10.244.0.7', podIPs: [{ ip: '10.244.0.7' }, { ip: 'fd00::7' }], phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: metadata('web-deploy'),
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, template: { metadata: { labels: { app: 'web' }, annotations: { a: 'b' } }, spec: podSpec } },
    },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: metadata('db'), spec: { replicas: 2, serviceName: 'web-headless', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: metadata('agent'), spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: podSpec } } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: metadata('once'), spec: { parallelism: 2, template: { metadata: { labels: { app: 'job' } }, spec: podSpec } } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: metadata('nightly'), spec: { jobTemplate: { spec: { parallelism: 1, template: { metadata: { labels: { app: 'cron' } }, spec: podSpec } } } } },
    {
      apiVersion: 'v1', kind: 'Endpoints', metadata: metadata('manual', { 'endpointslice.kubernetes.io/skip-mirror': 'false' }),
      subsets: [{
        addresses: [{ ip: '192.0.2.10', hostname: 'db-a', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'web-pod', namespace: 'shop' } }],
        notReadyAddresses: [{ ip: '192.0.2.11' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      }],
    },
    {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: metadata('manual-abc', { 'kubernetes.io/service-name': 'manual' }), addressType: 'IPv4',
      endpoints: [{ addresses: ['192.0.2.12'], hostname: 'db-b', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'web-pod', namespace: 'shop' }, conditions: { ready: true, serving: true, terminating: false } }],
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    },
    { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: metadata('listed'), spec: { selector: { app: 'nothing' }, ports: [{ port: 1 }] } }] },
  ];
}

export type Path = readonly (string | number)[];

/** Every path of a value: each map entry and list item, containers included. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  return [];
}

/** A deep copy of `root` with the value at `path` replaced. */
export function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  // an earlier replacement may have removed the path: nothing to replace then
  if (root === null || typeof root !== 'object') return root;
  if (Array.isArray(root)) return root.map((item, index) => (index === head ? replaceAt(item, rest, value) : item));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(root as Record<string, unknown>)) copy[key] = key === head ? replaceAt(item, rest, value) : item;
  return copy;
}
