import { reportMissingConfigSources } from './missingConfigSource';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'secret-not-found',
    description: "A Pod or Pod template naming a Secret of its namespace that the workspace does not hold or have written (by `envFrom`, an env `secretKeyRef`, a `secret` or projected volume, `imagePullSecrets`), where the workspace declares other Secrets there: a near name, or any name when one is declared in the same folder (none declared: not judged; where a Role of the namespace or a ClusterRole lets something create Secrets, only a near name is; `optional: true` is never judged). A Secret that cert-manager's Certificate `secretName`, a SealedSecret or an ExternalSecret writes counts as held. Info: Secrets are often created apart from the manifests.",
    remediation: 'Name a Secret of the Pod\'s namespace, declare the Secret (or what writes it), or mark the reference optional: true when the Pod can start without it.',
    severity: 'info',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob'],
    scope: 'cluster',
    messages: {
      notFound: '{{field}} "{{name}}" names no Secret in namespace "{{namespace}}" the workspace declares; unless it is created apart, {{consequence}}.',
      didYouMean: '{{field}} "{{name}}" names no Secret in namespace "{{namespace}}"; did you mean "{{closest}}"? Unless "{{name}}" is created apart, {{consequence}}.',
    },
    example: {
      wrong: 'kind: Secret\nmetadata: {name: db-credentials}\nstringData: {password: example}\n---\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: shop\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db-credential, key: password}',
      right: 'kind: Secret\nmetadata: {name: db-credentials}\nstringData: {password: example}\n---\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: shop\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db-credentials, key: password}',
    },
  },
  check(context, object) {
    reportMissingConfigSources(context, object, 'Secret');
  },
});
