import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { lines, modelOf, modelOfFolder } from '../../helpers/modelFrom';
import { repoRoot } from '../../helpers/paths';

describe('ClusterModel: the seed scenarios', () => {
  const model = modelOfFolder(path.join(repoRoot, 'examples', 'seeds'));

  it('gives the kubia Service three endpoints with named target ports resolved per Pod', () => {
    const kubia = model.service('default', 'kubia')!;
    const backends = model.backendsOf(kubia);
    assert.equal(backends.origin, 'selector');
    assert.equal(backends.endpoints.length, 3);
    for (const endpoint of backends.endpoints) {
      assert.deepEqual(endpoint.ports.map((port) => `${port.name}:${port.port}`), ['http:8080', 'https:8443']);
      assert.ok(endpoint.simulated);
      assert.match(endpoint.pod!.name, /^kubia-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
  });

  it('publishes hostnames only for Pods whose subdomain names the headless Service', () => {
    const headless = model.service('default', 'headless1')!;
    assert.ok(headless.headless);
    assert.deepEqual(headless.clusterIPs, []);
    const hostnames = model.backendsOf(headless).endpoints.map((endpoint) => endpoint.hostname).sort();
    assert.deepEqual(hostnames, ['pod-a', 'pod-b']);
  });

  it('uses hand-written Endpoints of a selector-less Service with their declared IP', () => {
    const backends = model.backendsOf(model.service('default', 'endpoint2')!);
    assert.equal(backends.origin, 'hand-written');
    assert.deepEqual(backends.endpoints.map((endpoint) => [endpoint.ip, endpoint.ready, endpoint.simulated]), [['20.109.5.12', true, false]]);
  });

  it('gives ExternalName Services no cluster IP and no endpoints', () => {
    const external = model.service('default', 'externalname1')!;
    assert.equal(external.type, 'ExternalName');
    assert.deepEqual(external.clusterIPs, []);
    assert.equal(model.backendsOf(external).origin, 'external-name');
  });

  it('allocates simulated cluster IPs inside the service CIDR, the same on every run', () => {
    const ip = model.service('default', 'clusterip1')!.clusterIPs[0];
    assert.ok(ip.simulated);
    assert.match(ip.ip, /^10\.(9[6-9]|1[01]\d)\./);
    const again = modelOfFolder(path.join(repoRoot, 'examples', 'seeds'));
    assert.equal(again.service('default', 'clusterip1')!.clusterIPs[0].ip, ip.ip);
  });
});

describe('ClusterModel: controllers and the endpoints they produce', () => {
  it('names StatefulSet Pods <set>-<ordinal> with hostname and subdomain set by the controller', () => {
    const model = modelOf({
      'db.yaml': lines(
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db, namespace: data}',
        'spec:', '  serviceName: db', '  replicas: 3', '  selector: {matchLabels: {app: db}}',
        '  template:', '    metadata: {labels: {app: db}}', '    spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: db, namespace: data}',
        'spec: {clusterIP: None, selector: {app: db}, ports: [{name: pg, port: 5432, targetPort: pg}]}',
      ),
    });
    const pods = model.podsIn('data');
    assert.deepEqual(pods.map((pod) => [pod.name, pod.hostname, pod.subdomain]), [['db-0', 'db-0', 'db'], ['db-1', 'db-1', 'db'], ['db-2', 'db-2', 'db']]);
    const endpoints = model.backendsOf(model.service('data', 'db')!).endpoints;
    assert.deepEqual(endpoints.map((endpoint) => endpoint.hostname).sort(), ['db-0', 'db-1', 'db-2']);
  });

  it('skips a named targetPort no container declares (FindPort) and matches on protocol', () => {
    const model = modelOf({
      'a.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: dns}',
        'spec: {selector: {app: dns}, ports: [{name: udp, port: 53, protocol: UDP, targetPort: dns}, {name: tcp, port: 53, targetPort: dns-tcp}]}',
        '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: dns-1, labels: {app: dns}}',
        'spec: {containers: [{name: c, ports: [{name: dns, containerPort: 5353, protocol: TCP}, {name: dns-tcp, containerPort: 5354}]}]}',
      ),
    });
    const [endpoint] = model.backendsOf(model.service('default', 'dns')!).endpoints;
    assert.deepEqual(endpoint.ports.map((port) => `${port.name}/${port.protocol}:${port.port}`), ['tcp/TCP:5354']);
    assert.equal(endpoint.unresolvedPorts.length, 1);
    assert.equal(endpoint.unresolvedPorts[0].portIndex, 0);
  });

  it('marks not-ready Pods and honours publishNotReadyAddresses', () => {
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p, labels: {app: x}}', 'spec: {containers: [{name: c}]}', 'status:', '  podIP: 10.244.0.50', '  conditions: [{type: Ready, status: "False"}]');
    const service = (publish: boolean) => lines('apiVersion: v1', 'kind: Service', 'metadata: {name: x}', `spec: {clusterIP: None, publishNotReadyAddresses: ${publish}, selector: {app: x}}`);
    const notReady = modelOf({ 'p.yaml': pod, 's.yaml': service(false) });
    assert.deepEqual(notReady.backendsOf(notReady.service('default', 'x')!).endpoints.map((endpoint) => [endpoint.ip, endpoint.ready]), [['10.244.0.50', false]]);
    const published = modelOf({ 'p.yaml': pod, 's.yaml': service(true) });
    assert.equal(published.backendsOf(published.service('default', 'x')!).endpoints[0].ready, true);
  });

  it('ignores hand-written Endpoints of a Service that has a selector', () => {
    const model = modelOf({
      'a.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {selector: {app: web}, ports: [{port: 80}]}',
        '---', 'apiVersion: v1', 'kind: Endpoints', 'metadata: {name: web}', 'subsets: [{addresses: [{ip: 10.1.1.1}], ports: [{port: 80}]}]',
      ),
    });
    const backends = model.backendsOf(model.service('default', 'web')!);
    assert.equal(backends.endpoints.length, 0);
    assert.equal(backends.ignored.length, 1);
    assert.match(backends.ignored[0].reason, /selector/);
  });

  it('reads EndpointSlices by their kubernetes.io/service-name label, whatever their own name', () => {
    const model = modelOf({
      'a.yaml': lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: ext}', 'spec: {ports: [{name: https, port: 443}]}',
        '---', 'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: ext-1, labels: {kubernetes.io/service-name: ext}}',
        'addressType: IPv4', 'ports: [{name: https, port: 443}]', 'endpoints:', '- addresses: [192.0.2.10]', '- addresses: [192.0.2.11]', '  conditions: {ready: false}',
      ),
    });
    const endpoints = model.backendsOf(model.service('default', 'ext')!).endpoints;
    assert.deepEqual(endpoints.map((endpoint) => [endpoint.ip, endpoint.ready]), [['192.0.2.10', true], ['192.0.2.11', false]]);
  });

  it('re-parses only the changed file and reflects it at once', () => {
    const model = modelOf({ 's.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: a}', 'spec: {selector: {app: a}}') });
    assert.equal(model.backendsOf(model.service('default', 'a')!).endpoints.length, 0);
    const before = model.file('s.yaml');
    model.setFile('p.yaml', lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: a-1, labels: {app: a}}', 'spec: {containers: [{name: c}]}'));
    assert.equal(model.file('s.yaml'), before);
    assert.equal(model.backendsOf(model.service('default', 'a')!).endpoints.length, 1);
    model.removeFile('p.yaml');
    assert.equal(model.backendsOf(model.service('default', 'a')!).endpoints.length, 0);
  });

  it('counts its files and Services as files are added, replaced and removed', () => {
    const service = (name: string) => lines('apiVersion: v1', 'kind: Service', `metadata: {name: ${name}}`);
    const model = modelOf({ 'a.yaml': `${service('a')}---\n${service('b')}`, 'c.yaml': service('c') });
    assert.deepEqual(model.size(), { files: 2, services: 3 });
    model.setFile('a.yaml', service('a'));
    assert.deepEqual(model.size(), { files: 2, services: 2 });
    model.setFile('p.yaml', lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}'));
    assert.deepEqual(model.size(), { files: 3, services: 2 });
    model.removeFile('c.yaml');
    assert.deepEqual(model.size(), { files: 2, services: 1 });
    assert.equal(model.size().services, model.services().length);
  });

  it('expands the items of a kind: List', () => {
    const model = modelOf({ 'l.yaml': lines('apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: v1, kind: Service, metadata: {name: one}}', '- {apiVersion: v1, kind: Service, metadata: {name: two, namespace: b}}') });
    assert.deepEqual(model.services().map((service) => `${service.namespace}/${service.name}`), ['default/one', 'b/two']);
    assert.ok(model.namespaceExists('b'));
  });
});

describe('ClusterModel: files named by path or by URI', () => {
  const service = (port: number): string => lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: twice', 'spec:', '  ports:', `  - port: ${port}`);
  const pod = (ip: string): string => lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: twice', 'spec:', '  containers: [{name: c, image: i}]', ...(ip ? ['status:', `  podIP: ${ip}`] : []));
  // sorted raw, then as file URIs percent-encode them: `%` comes before every letter
  // and as Windows spells paths: `\` sorts after `Z`, `/` before `0`
  const names = ['a b#1%41?.yaml', 'f.yaml', 'é.yaml', 'ü/x.yaml', '服务.yaml', 'f/0.yaml', 'fZ.yaml'];

  /** What a lookup of the object defined in every file answers, and the addresses given out. */
  function answers(keys: readonly string[], order: readonly number[]): string {
    const model = new ClusterModel();
    for (const index of order) {
      model.setFile(keys[index], service(80 + index) + '---\n' + pod(''));
    }
    const first = model.service('default', 'twice')!;
    const where = keys.indexOf(first.object.file);
    const ips = model.services().map((each) => `${keys.indexOf(each.object.file)}=${each.clusterIPs.map((ip) => ip.ip).join(',')}`);
    const pods = model.podsIn('default').map((each) => `${keys.indexOf(each.template.owner.file)}=${each.ips.map((ip) => ip.ip).join(',')}`);
    return JSON.stringify({ where, ips: ips.sort(), pods: pods.sort() });
  }

  it('resolves an object defined in several files to the same file, and allocates the same addresses, in the CLI and the server', () => {
    const paths = names.map((name) => `manifests/${name}`);
    const uris = names.map((name) => pathToFileURL(`/work/manifests/${name}`).href);
    assert.ok(uris.some((uri) => uri.includes('%C3%A9')), 'the URIs are encoded');
    const windows = paths.map((file) => file.replaceAll('/', '\\'));
    const expected = answers(paths, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(JSON.parse(expected).where, 0);
    for (const order of [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [2, 6, 0, 4, 1, 5, 3]]) {
      assert.equal(answers(paths, order), expected, `paths in order ${order.join(',')}`);
      assert.equal(answers(uris, order), expected, `URIs in order ${order.join(',')}`);
      assert.equal(answers(windows, order), expected, `Windows paths in order ${order.join(',')}`);
    }
  });
});
