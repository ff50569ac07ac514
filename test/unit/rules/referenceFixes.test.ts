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
