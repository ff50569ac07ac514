import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixOnce } from '../../helpers/fixes';
import { lines } from '../../helpers/modelFrom';

const service = lines(
  'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  labels: {app: web}', 'spec:', '  selector: {app: web}',
  '  ports:', '  - {name: http, port: 80, targetPort: 8080}', '  - {name: http-metrics, port: 9090, targetPort: metrics}',
  '---',
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}',
  '    spec:', '      containers:', '      - name: web', '        ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9102}]',
);

describe('quick fixes of the references to a Service', () => {
  it('renames an Ingress backend to the Service a typo away', () => {
    const ingress = lines('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: web}', 'spec:', '  defaultBackend:', '    service: {name: wbe, port: {number: 80}}');
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'ingress.yaml': ingress }, 'ingress-backend-service-not-found');
    assert.equal(fix.title, 'Change the backend Service to "web"');
    assert.match(fixed['ingress.yaml'], /service: \{name: web, port/);
  });

  it('replaces a target port with the Service port in an Ingress and in a route', () => {
    const ingress = lines('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: web}', 'spec:', '  defaultBackend:', '    service: {name: web, port: {number: 8080}}');
    assert.match(fixOnce({ 'svc.yaml': service, 'ingress.yaml': ingress }, 'ingress-backend-port-not-found').fixed['ingress.yaml'], /\{number: 80\}/);
    const route = lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata: {name: web}', 'spec:', '  rules:', '  - backendRefs:', '    - {name: web, port: 8080}');
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'route.yaml': route }, 'route-backend-port-not-found');
    assert.equal(fix.title, 'Use Service port 80');
    assert.match(fixed['route.yaml'], /\{name: web, port: 80\}/);
  });

  it('names the Service port that targets the container port a ServiceMonitor named', () => {
    const monitor = lines('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: web}', 'spec:', '  selector: {matchLabels: {app: web}}', '  endpoints:', '  - port: metrics');
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'monitor.yaml': monitor }, 'servicemonitor-port-not-found');
    assert.equal(fix.title, 'Change the port to "http-metrics"');
    assert.match(fixed['monitor.yaml'], /- port: http-metrics\b/);
  });

  it('renames a PodMonitor port to the container port a typo away', () => {
    const monitor = lines('apiVersion: monitoring.coreos.com/v1', 'kind: PodMonitor', 'metadata: {name: web}', 'spec:', '  selector: {matchLabels: {app: web}}', '  podMetricsEndpoints:', '  - port: metric');
    assert.match(fixOnce({ 'svc.yaml': service, 'monitor.yaml': monitor }, 'podmonitor-port-not-found').fixed['monitor.yaml'], /- port: metrics\b/);
  });
});

describe('quick fixes of the references to a workload, a ServiceAccount and a Service the API server calls', () => {
  const account = lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: web}');
  const autoscaler = (ref: string) => lines('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: web}', 'spec:', `  scaleTargetRef: ${ref}`, '  maxReplicas: 3');

  it('renames an autoscaler target a typo away, and fixes its kind or its apiVersion', () => {
    const typo = fixOnce({ 'svc.yaml': service, 'hpa.yaml': autoscaler('{apiVersion: apps/v1, kind: Deployment, name: wbe}') }, 'scale-target-not-found');
    assert.equal(typo.fix.title, 'Change the target to "web"');
    assert.match(typo.fixed['hpa.yaml'], /name: web\}/);
    const kind = fixOnce({ 'svc.yaml': service, 'hpa.yaml': autoscaler('{apiVersion: apps/v1, kind: StatefulSet, name: web}') }, 'scale-target-not-found');
    assert.match(kind.fixed['hpa.yaml'], /kind: Deployment, name: web/);
    const group = fixOnce({ 'svc.yaml': service, 'hpa.yaml': autoscaler('{apiVersion: extensions/v1beta1, kind: Deployment, name: web}') }, 'scale-target-not-found');
    assert.match(group.fixed['hpa.yaml'], /\{apiVersion: apps\/v1, kind/);
  });

  it('renames a serviceAccountName to the ServiceAccount a typo away', () => {
    const workload = service.replace('    spec:\n', '    spec:\n      serviceAccountName: wbe\n');
    const { fixed, fix } = fixOnce({ 'app.yaml': workload, 'account.yaml': account }, 'service-account-not-found');
    assert.equal(fix.title, 'Change the ServiceAccount to "web"');
    assert.match(fixed['app.yaml'], /serviceAccountName: web\n/);
  });

  it('renames a webhook Service a typo away, and replaces a target port with the Service port', () => {
    const webhook = (serviceRef: string) => lines('apiVersion: admissionregistration.k8s.io/v1', 'kind: ValidatingWebhookConfiguration', 'metadata: {name: web}', 'webhooks:', '- name: web.example.com', '  clientConfig:', `    service: ${serviceRef}`);
    const name = fixOnce({ 'svc.yaml': service, 'webhook.yaml': webhook('{name: wbe, namespace: default, port: 80}') }, 'webhook-service-not-found');
    assert.match(name.fixed['webhook.yaml'], /\{name: web, namespace/);
    const port = fixOnce({ 'svc.yaml': service, 'webhook.yaml': webhook('{name: web, namespace: default, port: 8080}') }, 'webhook-service-port-not-found');
    assert.equal(port.fix.title, 'Use Service port 80');
    assert.match(port.fixed['webhook.yaml'], /port: 80\}/);
  });
});

describe('quick fixes of the hosts a container is configured with', () => {
  const frontend = (value: string) => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: frontend}', 'spec:', '  selector: {matchLabels: {app: frontend}}', '  template:', '    metadata: {labels: {app: frontend}}', '    spec:', '      containers:', '      - name: frontend', '        env:', `        - {name: WEB_URL, value: "${value}"}`);

  it('renames a host a typo away from a Service, keeping the rest of the URL', () => {
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'frontend.yaml': frontend('http://wbe:80/api') }, 'configured-host-not-found');
    assert.equal(fix.title, 'Change the host to "web"');
    assert.match(fixed['frontend.yaml'], /value: "http:\/\/web:80\/api"/);
  });

  it('replaces a container port with the Service port that targets it', () => {
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'frontend.yaml': frontend('http://web:8080/api') }, 'configured-host-port-not-found');
    assert.equal(fix.title, 'Use Service port 80');
    assert.match(fixed['frontend.yaml'], /value: "http:\/\/web:80\/api"/);
  });
});
