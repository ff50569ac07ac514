import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderServiceEnvironment, serviceEnvironment } from '../../../server/src/core/dns/index';
import { dnsCluster } from '../../helpers/dnsCluster';
import { lines, modelOf } from '../../helpers/modelFrom';

describe('service environment variables (kubelet envvars.FromServices)', () => {
  const model = dnsCluster('endpointslices');
  const pod = (namespace: string, name: string) => model.podsIn(namespace).find((candidate) => candidate.name === name)!;

  it('Services of the Pod\'s namespace with a cluster IP, plus the kubernetes Service; docker-link variables per port', () => {
    const environment = serviceEnvironment(model, pod('tools', 'toolbox'));
    assert.deepEqual(environment.variables.map((variable) => `${variable.name}=${variable.value}`), [
      'KUBERNETES_SERVICE_HOST=10.96.0.1',
      'KUBERNETES_SERVICE_PORT=443',
      'KUBERNETES_SERVICE_PORT_HTTPS=443',
      'KUBERNETES_PORT=tcp://10.96.0.1:443',
      'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
      'KUBERNETES_PORT_443_TCP_PROTO=tcp',
      'KUBERNETES_PORT_443_TCP_PORT=443',
      'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
      'METRICS_API_SERVICE_HOST=10.96.2.20',
      'METRICS_API_SERVICE_PORT=8080',
      'METRICS_API_SERVICE_PORT_WEB=8080',
      'METRICS_API_SERVICE_PORT_DNS=53',
      'METRICS_API_PORT=tcp://10.96.2.20:8080',
      'METRICS_API_PORT_8080_TCP=tcp://10.96.2.20:8080',
      'METRICS_API_PORT_8080_TCP_PROTO=tcp',
      'METRICS_API_PORT_8080_TCP_PORT=8080',
      'METRICS_API_PORT_8080_TCP_ADDR=10.96.2.20',
      'METRICS_API_PORT_53_UDP=udp://10.96.2.20:53',
      'METRICS_API_PORT_53_UDP_PROTO=udp',
      'METRICS_API_PORT_53_UDP_PORT=53',
      'METRICS_API_PORT_53_UDP_ADDR=10.96.2.20',
    ]);
    assert.deepEqual(environment.skipped, [{ service: 'tools/registry', reason: 'headless Services (clusterIP: None) have no cluster IP' }]);
  });

  it('enableServiceLinks: false leaves only the kubernetes Service', () => {
    const environment = serviceEnvironment(model, pod('tools', 'nolinks'));
    assert.deepEqual([...new Set(environment.variables.map((variable) => variable.service))], ['default/kubernetes']);
  });

  it('ExternalName and headless Services give no variables; the output states the ordering caveat', () => {
    const environment = serviceEnvironment(model, pod('default', 'request-pod'));
    const services = [...new Set(environment.variables.map((variable) => variable.service))];
    assert.deepEqual(services, ['default/dual', 'default/empty', 'default/kubernetes', 'default/kubia']);
    const text = renderServiceEnvironment(environment, pod('default', 'request-pod'));
    assert.match(text, /only for Services that exist when the container starts/);
    assert.match(text, /# no variables for Service default\/github: ExternalName Services have no cluster IP/);
    assert.match(text, /^DUAL_SERVICE_HOST=10\.96\.0\.60$/m);
  });

  it('marks simulated cluster IPs', () => {
    const simulated = modelOf({ 'a.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: my-api}', 'spec: {ports: [{port: 80}]}', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: c, image: i}]}') });
    const environment = serviceEnvironment(simulated, simulated.pods()[0]);
    const host = environment.variables.find((variable) => variable.name === 'MY_API_SERVICE_HOST')!;
    assert.equal(host.simulated, true);
    assert.equal(environment.variables.find((variable) => variable.name === 'MY_API_SERVICE_PORT')!.simulated, false);
  });
});
