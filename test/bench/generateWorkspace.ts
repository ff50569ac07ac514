import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A realistic monorepo of N applications spread over namespaces, with a known set of planted
 * mistakes. Every application is one of ten shapes (cycled by index); every 97th application gets
 * one mistake a rule must find, and nothing else may be reported.
 */

/** Bump when the generated text changes, so cached workspaces are rebuilt. */
export const GENERATOR_VERSION = 6;

export type AppShape = 'web' | 'api' | 'db' | 'legacy' | 'pods' | 'crd';

const SHAPES: readonly AppShape[] = ['web', 'web', 'web', 'web', 'api', 'api', 'db', 'legacy', 'pods', 'crd'];

export interface GeneratedApp {
  readonly name: string;
  readonly namespace: string;
  readonly shape: AppShape;
  /** The files of the app, relative to the workspace root. */
  readonly files: readonly string[];
  /** The rule id planted in this app, if any. */
  readonly mistake?: string;
}

export interface GeneratedWorkspace {
  readonly root: string;
  readonly apps: readonly GeneratedApp[];
  readonly fileCount: number;
  readonly objectCount: number;
  readonly bytes: number;
  /** Findings the lint must report, by rule id; nothing else may be reported. */
  readonly expected: Readonly<Record<string, number>>;
}

export function namespaceCount(apps: number): number {
  return Math.max(3, Math.round(apps / 250));
}

/** Generates (or reuses, when the same version and size is already there) the workspace under root. */
export function generateWorkspace(root: string, appCount: number): GeneratedWorkspace {
  // beside the workspace, not in it: the lint and the floor read every *.json below root
  const stamp = `${root}.generated.json`;
  if (fs.existsSync(stamp)) {
    const previous = JSON.parse(fs.readFileSync(stamp, 'utf8')) as GeneratedWorkspace & { version: number; appCount: number };
    if (previous.version === GENERATOR_VERSION && previous.appCount === appCount) return { ...previous, root };
  }
  fs.rmSync(root, { recursive: true, force: true });
  const apps: GeneratedApp[] = [];
  // besides the planted mistakes, every hand-written v1 Endpoints draws the deprecation notice
  const expected: Record<string, number> = { 'endpoints-deprecated': 0, 'endpoints-without-service': 0, 'service-selector-matches-nothing': 0, 'subdomain-without-headless-service': 0 };
  let objectCount = 0;
  let bytes = 0;
  const namespaces = namespaceCount(appCount);
  for (let index = 0; index < appCount; index++) {
    const shape = SHAPES[index % SHAPES.length];
    const namespace = `team-${String(index % namespaces).padStart(3, '0')}`;
    const name = `${shape}-${String(index).padStart(5, '0')}`;
    const planted = index % 97 === 13;
    const app = appFiles(shape, name, namespace, index, planted);
    const files: string[] = [];
    for (const [fileName, text] of app.files) {
      const relative = path.join(namespace, name, fileName);
      fs.mkdirSync(path.join(root, namespace, name), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
      files.push(relative);
      bytes += Buffer.byteLength(text);
    }
    objectCount += app.objects;
    if (app.mistake) expected[app.mistake] += 1;
    if (shape === 'legacy') expected['endpoints-deprecated'] += 1;
    apps.push({ name, namespace, shape, files, mistake: app.mistake });
  }
  const workspace: GeneratedWorkspace = { root, apps, fileCount: apps.reduce((sum, app) => sum + app.files.length, 0), objectCount, bytes, expected };
  fs.writeFileSync(stamp, JSON.stringify({ ...workspace, version: GENERATOR_VERSION, appCount }));
  return workspace;
}

interface AppText {
  readonly files: [string, string][];
  readonly objects: number;
  readonly mistake?: string;
}

/** A one-letter typo: the same name with its last letter doubled. */
export function typo(name: string): string {
  return `${name}${name[name.length - 1]}`;
}

function appFiles(shape: AppShape, name: string, namespace: string, index: number, planted: boolean): AppText {
  switch (shape) {
    case 'web': {
      const selector = planted ? typo(name) : name;
      return {
        files: [
          ['deployment.yaml', deployment(name, namespace, index, 'http', 8080)],
          ['service.yaml', service(name, namespace, selector, 'http') + '---\n' + configMap(name, namespace, index)],
        ],
        objects: 3,
        mistake: planted ? 'service-selector-matches-nothing' : undefined,
      };
    }
    case 'api': {
      const selector = planted ? typo(name) : name;
      return {
        files: [['app.yaml', deployment(name, namespace, index, 'grpc', 9090) + '---\n' + service(name, namespace, selector, 9090)]],
        objects: 2,
        mistake: planted ? 'service-selector-matches-nothing' : undefined,
      };
    }
    case 'db': {
      const selector = planted ? typo(name) : name;
      return {
        files: [['statefulset.yaml', statefulSet(name, namespace) + '---\n' + headlessService(name, namespace, name) + '---\n' + service(`${name}-client`, namespace, selector, 5432)]],
        objects: 3,
        mistake: planted ? 'service-selector-matches-nothing' : undefined,
      };
    }
    case 'legacy':
      return {
        files: [['external.yaml', selectorlessService(name, namespace) + '---\n' + endpoints(planted ? typo(name) : name, namespace, index) + '---\n' + externalNameService(name, namespace)]],
        objects: 3,
        mistake: planted ? 'endpoints-without-service' : undefined,
      };
    case 'pods':
      // the Pods live in another file than the headless Service they point at
      return {
        files: [
          ['service.yaml', headlessService(name, namespace, name)],
          ['pods.yaml', barePod(`${name}-a`, namespace, name, 'pod-a', planted ? typo(name) : name) + '---\n' + barePod(`${name}-b`, namespace, name, 'pod-b', name)],
        ],
        objects: 3,
        mistake: planted ? 'subdomain-without-headless-service' : undefined,
      };
    case 'crd': {
      const selector = planted ? typo(name) : name;
      return {
        files: [
          ['app.yaml', deployment(name, namespace, index, 'http', 8080) + '---\n' + service(name, namespace, selector, 'http')],
          ['rules.yaml', alertRules(name, namespace)],
        ],
        objects: 3,
        mistake: planted ? 'service-selector-matches-nothing' : undefined,
      };
    }
  }
}

function deployment(name: string, namespace: string, index: number, portName: string, port: number): string {
  return `# ${name}: the ${namespace} team's service
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
    app.kubernetes.io/part-of: "${namespace}"
  annotations:
    deployment.kubernetes.io/revision: '${(index % 7) + 1}'
spec:
  replicas: ${(index % 3) + 1}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: backend
    spec:
      containers:
        - name: ${name}
          image: registry.example/${namespace}/${name}:1.${index % 40}.0
          args: ["--port", "${port}", --verbose]
          ports:
            - name: ${portName}
              containerPort: ${port}
              protocol: TCP
          resources:
            requests: {cpu: 100m, memory: 128Mi}
          readinessProbe:
            httpGet:
              path: /healthz
              port: ${portName}
            periodSeconds: 10
`;
}

function service(name: string, namespace: string, selector: string, targetPort: string | number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app: ${selector}
  ports:
    - name: web
      port: 80
      targetPort: ${targetPort}
`;
}

function configMap(name: string, namespace: string, index: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${namespace}
data:
  LOG_LEVEL: "info"
  FEATURE_FLAGS: 'search,checkout'
  MAX_CONNECTIONS: "${100 + (index % 50)}"
  application.properties: |
    server.port=8080
    # comment inside a block scalar
    upstream.url=http://${name}.${namespace}.svc.cluster.local:80
  motd: >
    Welcome to ${name}.
    Folded text joins lines.
`;
}

function statefulSet(name: string, namespace: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  serviceName: ${name}
  replicas: 3
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}, role: database}
    spec:
      containers:
      - name: postgres
        image: postgres:16
        ports:
        - {name: pg, containerPort: 5432}
        env:
        - name: PGDATA
          value: /var/lib/postgresql/data/pgdata
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 10Gi}}
`;
}

function headlessService(name: string, namespace: string, selector: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  clusterIP: None
  selector:
    app: ${selector}
  ports:
  - port: 5432
    name: pg
`;
}

function selectorlessService(name: string, namespace: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  ports:
  - protocol: TCP
    port: 443
    targetPort: 8443
`;
}

function endpoints(name: string, namespace: string, index: number): string {
  return `apiVersion: v1
kind: Endpoints
metadata:
  name: ${name}
  namespace: ${namespace}
subsets:
- addresses:
  - ip: 172.16.${(index >> 8) & 255}.${index & 255}
  - ip: 172.17.${(index >> 8) & 255}.${index & 255}
  ports:
  - port: 8443
`;
}

function externalNameService(name: string, namespace: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}-docs
  namespace: ${namespace}
spec:
  type: ExternalName
  externalName: docs.example.com
`;
}

function barePod(podName: string, namespace: string, app: string, hostname: string, subdomain: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${podName}
  namespace: ${namespace}
  labels:
    app: ${app}
spec:
  hostname: ${hostname}
  subdomain: ${subdomain}
  containers:
  - name: main
    image: "busybox:1.36"
    command: ['sleep', '3600']
`;
}

/** A large document of a kind the model does not keep: it must be skipped cheaply. */
function alertRules(name: string, namespace: string): string {
  const rules: string[] = [];
  for (let rule = 0; rule < 4; rule++) {
    rules.push(`    - alert: ${name.replace(/-/g, '')}Rule${rule}
      expr: sum(rate(http_requests_total{job="${name}",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="${name}"}[5m])) > 0.0${rule + 1}
      for: ${rule + 1}m
      labels:
        severity: ${rule % 2 === 0 ? 'warning' : 'critical'}
      annotations:
        summary: "High error rate on {{ $labels.instance }}"
        description: 'Error ratio is {{ $value | humanizePercentage }} for ${name}.'`);
  }
  return `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ${name}-alerts
  namespace: ${namespace}
spec:
  groups:
  - name: ${name}.rules
    interval: 30s
    rules:
${rules.join('\n')}
`;
}
