import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import { readReplicaSpecPlain } from '../model/schemas/plainReaders';
import { selectorMatchOf } from '../model/selectorMatch';
import { hasPlaceholder } from '../placeholders';
import { configMapHostsOf } from '../references/configMapHosts';
import { configMapsReadBy, readsConfigMapKey } from '../references/configMapsRead';
import { configuredHostsOf } from '../references/configuredHosts';
import { at, list, record, text } from '../references/fields';
import { lookUpConfiguredHost } from './configuredHostLookup';
import { podsMadeBy } from './podsMadeBy';
import { insertFirstEntry } from './textEdits';
import { defineRule, type RuleContext } from './types';

export default defineRule({
  meta: {
    id: 'statefulset-peers-not-ready',
    description: 'A StatefulSet whose Pods address each other through its headless Service — a per-Pod name `<set>-<n>.<service>` or the Service name in their `env`, `args`, `command` or the ConfigMaps they read (etcd `--initial-cluster`, ZooKeeper, Cassandra seeds) — while the Service lacks `publishNotReadyAddresses: true` and the Pods have a readinessProbe: the cluster DNS publishes only Ready Pods, so peers cannot resolve each other until they are Ready, and a cluster that must form before it reports Ready never starts (the bootstrap deadlock).',
    remediation: 'Set `publishNotReadyAddresses: true` on the headless Service the StatefulSet names in `serviceName` (peer discovery wants every Pod, Ready or not), and keep a separate Service for clients.',
    severity: 'info',
    kinds: ['StatefulSet'],
    scope: 'cluster',
    messages: {
      perPodName: 'the Pods of StatefulSet "{{set}}" reach their peers as {{example}} ({{field}}), but headless Service "{{service}}" publishes only Ready Pods (no publishNotReadyAddresses: true) and the Pods have a readinessProbe: until a peer is Ready its name is NXDOMAIN, so a cluster that must form before its members are Ready never starts.',
      serviceName: 'the Pods of StatefulSet "{{set}}" find their peers through headless Service "{{service}}" ({{field}}: "{{example}}"), which publishes only Ready Pods (no publishNotReadyAddresses: true) while the Pods have a readinessProbe: until peers are Ready the name has no addresses, so a cluster that must form before its members are Ready never starts.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: etcd}\nspec:\n  clusterIP: None\n  selector: {app: etcd}\n---\nkind: StatefulSet\nmetadata: {name: etcd}\nspec:\n  serviceName: etcd\n  template:\n    spec:\n      containers:\n      - name: etcd\n        args: ["--initial-cluster=etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd:2380"]\n        readinessProbe: {httpGet: {path: /health, port: 2379}}',
      right: 'kind: Service\nmetadata: {name: etcd}\nspec:\n  clusterIP: None\n  publishNotReadyAddresses: true\n  selector: {app: etcd}',
    },
  },
  check(context, set) {
    const serviceName = readReplicaSpecPlain(set.body?.spec ?? {})?.serviceName;
    if (!serviceName || hasPlaceholder(serviceName)) return;
    const service = context.model.service(set.namespace, serviceName);
    if (!service || !service.headless || service.type === 'ExternalName' || service.publishNotReadyAddresses || !service.selector) return;
    const template = podTemplateOf(set);
    if (!template || !hasReadinessProbe(set, template.templatePath)) return;
    const pods = podsMadeBy(context, set);
    // statefulset-service-name reports a Service that does not select the set
    if (pods.length === 0 || !pods.some((pod) => selectorMatchOf(pod, service.selector!) === 'selected')) return;
    const peer = peerReference(context, set, service.name);
    if (!peer) return;
    context.report({
      messageId: peer.kind,
      data: { set: set.name, service: service.name, example: peer.example, field: peer.field },
      path: ['spec', 'serviceName'],
      related: [
        { object: service.object, path: ['spec'], on: 'key', message: `headless Service "${service.name}" without publishNotReadyAddresses: true` },
        { object: peer.object, path: peer.path, message: `the peers are named here` },
      ],
      fix: (fixContext) => {
        const edits = insertFirstEntry(fixContext, service.object, ['spec'], 'publishNotReadyAddresses: true');
        return edits ? { title: `Set publishNotReadyAddresses: true on Service "${service.name}"`, edits } : undefined;
      },
    });
  },
});

interface PeerReference {
  readonly kind: 'perPodName' | 'serviceName';
  readonly example: string;
  readonly field: string;
  readonly object: ManifestObject;
  readonly path: (string | number)[];
}

/** Where the set's Pods name a peer: first a per-Pod name `<set>-<n>.<service>`, else a host that resolves to the Service. */
function peerReference(context: RuleContext, set: ManifestObject, service: string): PeerReference | undefined {
  const configMaps = [...configMapsReadBy(set).keys()].flatMap((name) => context.model.objectsNamed('ConfigMap', set.namespace, name));
  const template = podTemplateOf(set)!;
  const specPath = [...template.templatePath, 'spec'];
  // the values themselves: a per-Pod name is often written without a port (`--peers=zk-0.zk-hs,zk-1.zk-hs`)
  const values: { object: ManifestObject; path: (string | number)[]; field: string; value: string }[] = [];
  for (const containersKey of ['initContainers', 'containers']) {
    list(at(set.body, ...specPath, containersKey)).forEach((container, containerIndex) => {
      const containerPath = [...specPath, containersKey, containerIndex];
      const name = text(at(container, 'name')) ?? String(containerIndex);
      list(at(container, 'env')).forEach((variable, index) => {
        const value = text(at(variable, 'value'));
        if (value) values.push({ object: set, path: [...containerPath, 'env', index, 'value'], field: `env ${text(at(variable, 'name')) ?? index} of container "${name}"`, value });
      });
      for (const key of ['command', 'args']) {
        list(at(container, key)).forEach((argument, index) => {
          const value = text(argument);
          if (value) values.push({ object: set, path: [...containerPath, key, index], field: `${key}[${index}] of container "${name}"`, value });
        });
      }
    });
  }
  for (const configMap of configMaps) {
    const data = record(at(configMap.body, 'data')) ?? {};
    for (const key of Object.keys(data)) {
      if (!readsConfigMapKey(set, configMap.name, key)) continue;
      const value = text(data[key]);
      if (value) values.push({ object: configMap, path: ['data', key], field: `data.${key} of ConfigMap "${configMap.name}"`, value });
    }
  }
  for (const entry of values) {
    const name = perPodNameIn(entry.value, set.name, service);
    if (name) return { kind: 'perPodName', example: name, field: entry.field, object: entry.object, path: entry.path };
  }
  const pod = podsMadeBy(context, set)[0];
  const hosts = [
    ...configuredHostsOf(set).map((host) => ({ ...host, object: set })),
    ...configMaps.flatMap((configMap) => configMapHostsOf(configMap).filter((host) => readsConfigMapKey(set, configMap.name, String(host.path[1]))).map((host) => ({ ...host, field: `${host.field} of ConfigMap "${configMap.name}"`, object: configMap }))),
  ];
  for (const host of hosts) {
    if (hasPlaceholder(host.written)) continue;
    const lookup = lookUpConfiguredHost(context, { pod, namespace: set.namespace }, host.host);
    if (lookup.kind === 'resolved' && lookup.service?.name === service && lookup.service.namespace === set.namespace) {
      return { kind: 'serviceName', example: host.written, field: host.field, object: host.object, path: [...host.path] };
    }
  }
  return undefined;
}

function hasReadinessProbe(set: ManifestObject, templatePath: readonly (string | number)[]): boolean {
  return list(at(set.body, ...templatePath, 'spec', 'containers')).some((container) => record(at(container, 'readinessProbe')) !== undefined);
}

/** The first `<set>-<n>.<service>` in a value, as a whole name (no label character around it), as written. */
function perPodNameIn(value: string, set: string, service: string): string | undefined {
  const text = value.toLowerCase();
  const prefix = `${set.toLowerCase()}-`;
  const label = (at: number): boolean => /[a-z0-9-]/.test(text[at] ?? '');
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    if (at > 0 && label(at - 1)) continue;
    let end = at + prefix.length;
    while (/[0-9]/.test(text[end] ?? '')) end++;
    if (end === at + prefix.length || text[end] !== '.' || !text.startsWith(service.toLowerCase(), end + 1)) continue;
    const after = end + 1 + service.length;
    if (!label(after)) return value.slice(at, after);
  }
  return undefined;
}
