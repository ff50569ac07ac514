import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionToJson, parseConnectTarget, simulateConnection } from '../../../server/src/core/connect/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { lines, modelOf } from '../../helpers/modelFrom';

interface Report { verdict: string; reasons: string[]; port: number | string; backends: { pod: string | null; port: number | null; allowed: boolean; reason: string }[] }

function connect(model: ClusterModel, from: string, target: string): Report {
  const [namespace, name] = from.split('/');
  const pod = model.podsIn(namespace).find((candidate) => candidate.name === name)!;
  const parsed = parseConnectTarget(target);
  assert.ok(typeof parsed !== 'string', String(parsed));
  return connectionToJson(simulateConnection(model, pod, parsed)) as Report;
}

const pod = (name: string, labels: string, ports: string, node = ''): string => lines(
  'apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}, labels: {${labels}}}`, 'spec:', ...(node ? [`  nodeName: ${node}`] : []), `  containers: [{name: app, image: example/app, ports: [${ports}]}]`,
);
const service = (name: string, extra: string): string => lines('apiVersion: v1', 'kind: Service', `metadata: {name: ${name}}`, 'spec:', '  selector: {app: api}', ...extra.split('\n').map((line) => `  ${line}`));

describe('connect: the Service step', () => {
  const nodes = { nodeAddresses: ['192.168.0.11', '192.168.0.12'] };

  it('a named targetPort resolves per Pod; Pods without it get no traffic, and none at all is no-endpoints', () => {
    const model = modelOf({ 'a.yaml': [pod('client', 'app: client', ''), pod('api-1', 'app: api', '{name: http, containerPort: 8080}'), pod('api-2', 'app: api', '{name: web, containerPort: 9000}'), service('api', 'ports: [{port: 80, targetPort: http}]')].join('---\n') });
    const report = connect(model, 'default/client', 'api:80');
    assert.equal(report.verdict, 'connected');
    assert.deepEqual(report.backends.map((backend) => [backend.pod, backend.port, backend.allowed]), [['default/api-1', 8080, true], ['default/api-2', null, false]]);
    assert.match(report.backends[1].reason, /no container port named "http" with protocol TCP/);
    const none = modelOf({ 'a.yaml': [pod('client', 'app: client', ''), pod('api-2', 'app: api', '{name: web, containerPort: 9000}'), service('api', 'ports: [{port: 80, targetPort: http}]')].join('---\n') });
    assert.equal(connect(none, 'default/client', 'api:80').verdict, 'no-endpoints');
  });

  it('no ready endpoint: no-endpoints; a port name picks the Service port', () => {
    const model = modelOf({ 'a.yaml': [pod('client', 'app: client', ''), service('api', 'ports: [{name: grpc, port: 50051}]')].join('---\n') });
    const report = connect(model, 'default/client', 'api:grpc');
    assert.deepEqual([report.port, report.verdict], ['grpc', 'no-endpoints']);
    assert.match(report.reasons.at(-1)!, /Service default\/api has no ready endpoints/);
  });

  it('internalTrafficPolicy Local keeps only the endpoints on the client\'s node; sessionAffinity ClientIP is noted', () => {
    const model = modelOf({ 'a.yaml': [
      pod('client', 'app: client', '', 'node-a'), pod('api-1', 'app: api', '{containerPort: 80}', 'node-b'),
      lines('apiVersion: v1', 'kind: Node', 'metadata: {name: node-a}'),
      service('api', 'internalTrafficPolicy: Local\nsessionAffinity: ClientIP\nports: [{port: 80}]'),
    ].join('---\n') }, nodes);
    const report = connect(model, 'default/client', 'api:80');
    assert.equal(report.verdict, 'no-endpoints');
    assert.match(report.backends[0].reason, /internalTrafficPolicy Local: kube-proxy picks only endpoints on node-a/);
    assert.ok(report.reasons.some((reason) => /sessionAffinity ClientIP/.test(reason)));
  });
});

describe('connect: targets', () => {
  it('reads HOST:PORT, HOST:NAME, [v6]:PORT and URLs, the port defaulting from the scheme', () => {
    const read = (text: string) => {
      const target = parseConnectTarget(text);
      return typeof target === 'string' ? target : [target.host, target.port, target.portFromScheme];
    };
    assert.deepEqual(read('web.shop:8080'), ['web.shop', 8080, false]);
    assert.deepEqual(read('web:http'), ['web', 'http', false]);
    assert.deepEqual(read('http://web.shop:8080/x?y#z'), ['web.shop', 8080, false]);
    assert.deepEqual(read('https://user@api.example.com/v1'), ['api.example.com', 443, true]);
    assert.deepEqual(read('postgres://db/app'), ['db', 5432, true]);
    assert.deepEqual(read('[fd00::1]:53'), ['fd00::1', 53, false]);
    assert.match(String(read('web')), /names no port/);
    assert.match(String(read('gopher://web')), /no default port for gopher:\/\//);
    assert.match(String(read('web:70000')), /not between 1 and 65535/);
  });
});
