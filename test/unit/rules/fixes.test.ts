import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixOnce } from '../../helpers/fixes';
import { lines, modelOf } from '../../helpers/modelFrom';

const headlessPod = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: pod-a', '  labels: {app: peer}', 'spec:', '  hostname: pod-a', '  subdomain: peers', '  containers: [{name: app, image: busybox}]');

describe('quick fixes', () => {
  it('makes the subdomain Service headless with one inserted line, in the Service file', () => {
    const service = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: peers', 'spec:', '  selector: {app: peer}', '  ports: [{port: 7000}]');
    const { fixed, fix } = fixOnce({ 'svc.yaml': service, 'pod.yaml': headlessPod }, 'subdomain-without-headless-service');
    assert.equal(fix.title, 'Make Service "peers" headless (clusterIP: None)');
    assert.equal(fixed['svc.yaml'], lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: peers', 'spec:', '  clusterIP: None', '  selector: {app: peer}', '  ports: [{port: 7000}]'));
    assert.equal(fixed['pod.yaml'], headlessPod);
  });

  it('replaces a written clusterIP with None and extends a flow-style spec', () => {
    const written = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: peers}', 'spec:', '  clusterIP: 10.96.0.20', '  selector: {app: peer}');
    assert.match(fixOnce({ 'svc.yaml': written, 'pod.yaml': headlessPod }, 'subdomain-without-headless-service').fixed['svc.yaml'], /\n {2}clusterIP: None\n/);
    const flow = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: peers}', 'spec: {selector: {app: peer}}');
    assert.equal(fixOnce({ 'svc.yaml': flow, 'pod.yaml': headlessPod }, 'subdomain-without-headless-service').fixed['svc.yaml'], lines('apiVersion: v1', 'kind: Service', 'metadata: {name: peers}', 'spec: {clusterIP: None, selector: {app: peer}}'));
  });

  it('makes the governing Service of a StatefulSet headless', () => {
    const files = {
      'db.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: db}', 'spec:', '  selector: {app: db}', '---', 'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}', 'spec:', '  serviceName: db', '  selector: {matchLabels: {app: db}}', '  template:', '    metadata: {labels: {app: db}}', '    spec: {containers: [{name: db, image: postgres}]}'),
    };
    assert.match(fixOnce(files, 'statefulset-service-name').fixed['db.yaml'], /^spec:\n {2}clusterIP: None\n {2}selector: \{app: db\}$/m);
  });

  it('adds the missing hostname of a Pod, keeping CRLF line ends', () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: pod-a', 'spec:', '  subdomain: peers', '  containers: [{name: app, image: busybox}]', ''].join('\r\n');
    const { fixed } = fixOnce({ 'pod.yaml': pod }, 'subdomain-without-hostname');
    assert.equal(fixed['pod.yaml'], ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: pod-a', 'spec:', '  hostname: pod-a', '  subdomain: peers', '  containers: [{name: app, image: busybox}]', ''].join('\r\n'));
  });

  it('sets the subdomain of a Pod template to the one headless Service selecting it', () => {
    const files = {
      'app.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: peers}', 'spec:', '  clusterIP: None', '  selector: {app: peer}', '---',
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: peer}', 'spec:', '  selector: {matchLabels: {app: peer}}', '  template:', '    metadata: {labels: {app: peer}}', '    spec:', '      hostname: peer', '      containers: [{name: p, image: busybox}]',
      ),
    };
    assert.match(fixOnce(files, 'hostname-without-subdomain').fixed['app.yaml'], /\n {4}spec:\n {6}subdomain: peers\n {6}hostname: peer\n/);
  });

  it('changes a subdomain naming the regular Service to the headless Service that selects the Pod', () => {
    const files = {
      'app.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector: {app: web}', '  ports: [{port: 80}]', '---',
        'apiVersion: v1', 'kind: Service', 'metadata: {name: web-peers}', 'spec:', '  clusterIP: None', '  selector: {app: web}', '---',
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: web-a, labels: {app: web}}', 'spec:', '  hostname: web-a', '  subdomain: web', '  containers: [{name: w, image: nginx}]',
      ),
    };
    assert.match(fixOnce(files, 'subdomain-without-headless-service').fixed['app.yaml'], /\n {2}subdomain: web-peers\n/);
  });

  it('turns the service links of a Pod template off when a variable collides with one', () => {
    const files = {
      'app.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: kafka}', 'spec:', '  selector: {app: kafka}', '  ports: [{port: 9092}]', '---',
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: app}', 'spec:', '  selector: {matchLabels: {app: app}}', '  template:', '    metadata: {labels: {app: app}}', '    spec:', '      containers:', '      - name: app', '        image: example/app', '        args: ["--port=$(KAFKA_PORT)"]',
      ),
    };
    assert.match(fixOnce(files, 'service-link-env-collision').fixed['app.yaml'], /\n {4}spec:\n {6}enableServiceLinks: false\n {6}containers:\n/);
  });

  it('publishes the not-ready addresses of a headless Service whose StatefulSet Pods name their peers', () => {
    const files = {
      'etcd.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: etcd}', 'spec:', '  clusterIP: None', '  selector: {app: etcd}', '---',
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: etcd}', 'spec:', '  serviceName: etcd', '  selector: {matchLabels: {app: etcd}}', '  template:', '    metadata: {labels: {app: etcd}}', '    spec:', '      containers:', '      - name: etcd', '        image: etcd', '        args: ["--initial-cluster=etcd-0=http://etcd-0.etcd:2380"]', '        readinessProbe: {tcpSocket: {port: 2379}}',
      ),
    };
    assert.match(fixOnce(files, 'statefulset-peers-not-ready').fixed['etcd.yaml'], /\nspec:\n {2}publishNotReadyAddresses: true\n {2}clusterIP: None\n/);
  });

  it('switches a hostNetwork Pod to ClusterFirstWithHostNet', () => {
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: agent}', 'spec:', '  hostNetwork: true', '  dnsPolicy: ClusterFirst', '  containers: [{name: a, image: busybox}]');
    assert.match(fixOnce({ 'pod.yaml': pod }, 'host-network-cluster-first').fixed['pod.yaml'], /\n {2}dnsPolicy: ClusterFirstWithHostNet\n/);
  });

  it('renames a mistyped targetPort, endpoint port name and service-name label', () => {
    const web = lines(
      'apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector: {app: web}', '  ports: [{name: http, port: 80, targetPort: htpp}]', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: web, labels: {app: web}}', 'spec:', '  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]',
    );
    assert.match(fixOnce({ 'web.yaml': web }, 'service-target-port-not-found').fixed['web.yaml'], /targetPort: http\}/);
    const db = lines(
      'apiVersion: v1', 'kind: Service', 'metadata: {name: database}', 'spec:', '  ports: [{name: sql, port: 5432}]', '---',
      'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata:', '  name: database-1', '  labels: {kubernetes.io/service-name: databse}', 'addressType: IPv4', 'ports: [{name: sqll, port: 5432}]', 'endpoints: [{addresses: [10.0.0.5]}]',
    );
    const relabelled = fixOnce({ 'db.yaml': db }, 'endpointslice-without-service').fixed;
    assert.match(relabelled['db.yaml'], /labels: \{kubernetes\.io\/service-name: database\}/);
    assert.match(fixOnce(relabelled, 'endpoint-port-name-mismatch').fixed['db.yaml'], /ports: \[\{name: sql, port: 5432\}\]\nendpoints/);
  });

  it('converts v1 Endpoints into EndpointSlices that give the Service the same backends', () => {
    const files = {
      'ext.yaml': lines(
        '# external database',
        'apiVersion: v1', 'kind: Service', 'metadata: {name: database, namespace: data}', 'spec:', '  ports: [{name: sql, port: 5432}]', '---',
        'apiVersion: v1', 'kind: Endpoints', 'metadata:', '  name: database', '  namespace: data', '  labels: {team: storage}', 'subsets:',
        '- addresses: [{ip: 10.0.0.5, hostname: db-0}, {ip: "2001:db8::5"}]', '  notReadyAddresses: [{ip: 10.0.0.6}]', '  ports: [{name: sql, port: 5432}]',
      ),
    };
    const backends = (input: Record<string, string>) => {
      const model = modelOf(input);
      return model.backendsOf(model.service('data', 'database')!).endpoints.map((endpoint) => `${endpoint.ip} ${endpoint.ready} ${endpoint.hostname ?? '-'} ${endpoint.ports.map((port) => `${port.name}:${port.port}`).join(',')}`).sort();
    };
    const { fixed, fix } = fixOnce(files, 'endpoints-deprecated');
    assert.equal(fix.title, 'Convert to an EndpointSlice');
    assert.deepEqual(backends(fixed), backends(files));
    assert.equal(backends(fixed).length, 3);
    assert.equal(fixed['ext.yaml'].split('\n---\n').length, 3, 'one Service and one slice per address family');
    assert.match(fixed['ext.yaml'], /^# external database\n/);
    assert.match(fixed['ext.yaml'], /name: database-1\n {2}namespace: data\n {2}labels:\n {4}kubernetes\.io\/service-name: database\n {4}team: storage\naddressType: IPv4\n/);
    assert.match(fixed['ext.yaml'], /- addresses: \["10\.0\.0\.6"\]\n {2}conditions: \{ready: false\}/);
  });
});
