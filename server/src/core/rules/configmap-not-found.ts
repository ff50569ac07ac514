import { reportMissingConfigSources } from './missingConfigSource';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'configmap-not-found',
    description: "A Pod or Pod template naming a ConfigMap of its namespace that the workspace does not hold (by `envFrom`, an env `configMapKeyRef`, a `configMap` or projected volume), where the workspace declares other ConfigMaps there: a near name, or any name when one is declared in the same folder (none declared: not judged; where a Role of the namespace or a ClusterRole lets something create ConfigMaps, only a near name is; `optional: true` is never judged); or a `configMapKeyRef.key` missing from the ConfigMap's data. Info: ConfigMaps are often created apart from the manifests.",
    remediation: 'Name a ConfigMap of the Pod\'s namespace (and a key of its data), declare the ConfigMap, or mark the reference optional: true when the Pod can start without it.',
    severity: 'info',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob'],
    scope: 'cluster',
    messages: {
      notFound: '{{field}} "{{name}}" names no ConfigMap in namespace "{{namespace}}" the workspace declares; unless it is created apart, {{consequence}}.',
      didYouMean: '{{field}} "{{name}}" names no ConfigMap in namespace "{{namespace}}"; did you mean "{{closest}}"? Unless "{{name}}" is created apart, {{consequence}}.',
      noKey: 'key "{{key}}" is not in the data of ConfigMap "{{name}}" (its keys: {{keys}}), so the container does not start (CreateContainerConfigError: couldn\'t find key {{key}} in ConfigMap).',
      keyDidYouMean: 'key "{{key}}" is not in the data of ConfigMap "{{name}}"; did you mean "{{closest}}"? Until then the container does not start (CreateContainerConfigError: couldn\'t find key {{key}} in ConfigMap).',
    },
    example: {
      wrong: 'kind: ConfigMap\nmetadata: {name: shop-config}\ndata: {LOG_LEVEL: info}\n---\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: shop\n        envFrom:\n        - configMapRef: {name: shop-conifg}',
      right: 'kind: ConfigMap\nmetadata: {name: shop-config}\ndata: {LOG_LEVEL: info}\n---\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: shop\n        envFrom:\n        - configMapRef: {name: shop-config}',
    },
  },
  check(context, object) {
    reportMissingConfigSources(context, object, 'ConfigMap');
  },
});
