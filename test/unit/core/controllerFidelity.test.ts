import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, modelOf } from '../../helpers/modelFrom';

/** Pods the controllers create and the endpoints they get, checked against the controllers' own rules. */
describe('ClusterModel fidelity: what the controllers create', () => {
  it('anchors §1.6 ShouldPodBeInEndpoints: a terminal Pod (Succeeded/Failed) gets no endpoint, even with publishNotReadyAddresses', () => {
    const pod = (name: string, ip: string, phase: string) => lines(
      'apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}, labels: {app: x}}`, 'spec: {containers: [{name: c}]}',
      'status:', `  podIP: ${ip}`, `  phase: ${phase}`,
    );
    const model = modelOf({
      'a.yaml': pod('done', '10.244.0.1', 'Succeeded'),
      'b.yaml': pod('crashed', '10.244.0.2', 'Failed'),
      'c.yaml': pod('starting', '10.244.0.3', 'Pending'),
      's.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: x}', 'spec: {clusterIP: None, publishNotReadyAddresses: true, selector: {app: x}}'),
    });
    const endpoints = model.backendsOf(model.service('default', 'x')!).endpoints;
    assert.deepEqual(endpoints.map((endpoint) => [endpoint.ip, endpoint.ready]), [['10.244.0.3', true]]);
  });

  it('Job: as many Pods as min(parallelism, completions)', () => {
    const job = (spec: string) => modelOf({ 'j.yaml': lines('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', `spec: {${spec}template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}`) });
    assert.equal(job('parallelism: 4, completions: 2, ').podsIn('default').length, 2);
    assert.equal(job('completions: 3, ').podsIn('default').length, 1, 'parallelism defaults to 1');
    assert.equal(job('parallelism: 3, ').podsIn('default').length, 3, 'no completions: a work queue of parallelism Pods');
    assert.equal(job('parallelism: 3, suspend: true, ').podsIn('default').length, 0, 'a suspended Job has no Pods');
  });

  it('Indexed Job: Pods named <job>-<index>-<suffix> with hostname <job>-<index>, published under their subdomain', () => {
    const model = modelOf({
      'j.yaml': lines(
        'apiVersion: batch/v1', 'kind: Job', 'metadata: {name: train}',
        'spec:', '  completionMode: Indexed', '  completions: 3', '  parallelism: 2',
        '  template:', '    metadata: {labels: {job: train}}', '    spec: {subdomain: workers, containers: [{name: c}]}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: workers}', 'spec: {clusterIP: None, selector: {job: train}}',
      ),
    });
    const pods = model.podsIn('default');
    assert.deepEqual(pods.map((pod) => [pod.hostname, pod.hostnameSet, pod.subdomain]), [['train-0', true, 'workers'], ['train-1', true, 'workers']]);
    assert.match(pods[0].name, /^train-0-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.match(pods[1].name, /^train-1-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const hostnames = model.backendsOf(model.service('default', 'workers')!).endpoints.map((endpoint) => endpoint.hostname).sort();
    assert.deepEqual(hostnames, ['train-0', 'train-1']);
  });

  it('CronJob: the Job template decides the count and, when Indexed, the hostnames', () => {
    const model = modelOf({
      'c.yaml': lines(
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: nightly}',
        'spec:', '  schedule: "0 1 * * *"', '  jobTemplate:', '    spec:', '      completionMode: Indexed', '      completions: 2', '      parallelism: 5',
        '      template: {spec: {containers: [{name: c}]}}',
      ),
    });
    const pods = model.podsIn('default');
    assert.equal(pods.length, 2);
    assert.deepEqual(pods.map((pod) => pod.hostname.replace(/-\d{8}-/, '-<minute>-')), ['nightly-<minute>-0', 'nightly-<minute>-1']);
    assert.ok(pods.every((pod) => pod.hostnameSet && pod.name.startsWith(`${pod.hostname}-`)));
  });

  it('anchors §1.5 StatefulSet: ordinals.start shifts the ordinals in names and hostnames', () => {
    const model = modelOf({
      'db.yaml': lines(
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}',
        'spec:', '  serviceName: db', '  replicas: 2', '  ordinals: {start: 3}', '  selector: {matchLabels: {app: db}}',
        '  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}',
      ),
    });
    assert.deepEqual(model.podsIn('default').map((pod) => [pod.name, pod.hostname, pod.ordinal]), [['db-3', 'db-3', 3], ['db-4', 'db-4', 4]]);
  });

  it('dual-stack: a declared single cluster IP with PreferDualStack gets a simulated IP of the other family', () => {
    const model = modelOf({
      's.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {clusterIP: 10.96.0.77, ipFamilyPolicy: PreferDualStack, ports: [{port: 80}]}'),
      't.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: single}', 'spec: {clusterIP: 10.96.0.78, ports: [{port: 80}]}'),
    }, { serviceCIDR: '10.96.0.0/12,fd00:10:96::/112' });
    const web = model.service('default', 'web')!.clusterIPs;
    assert.deepEqual(web.map((ip) => [ip.family, ip.simulated]), [['IPv4', false], ['IPv6', true]]);
    assert.equal(web[0].ip, '10.96.0.77');
    assert.deepEqual(model.service('default', 'single')!.clusterIPs.map((ip) => ip.ip), ['10.96.0.78']);
  });

  it('simulated Pod IPs avoid the addresses hand-written Endpoints and EndpointSlices declare', () => {
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: web-1, labels: {app: web}}', 'spec: {containers: [{name: c}]}');
    const alone = modelOf({ 'p.yaml': pod });
    const taken = alone.podsIn('default')[0].ips[0].ip;
    const withEndpoints = modelOf({
      'p.yaml': pod,
      'e.yaml': lines('apiVersion: v1', 'kind: Endpoints', 'metadata: {name: legacy}', `subsets: [{addresses: [{ip: ${taken}}], ports: [{port: 80}]}]`),
    });
    assert.notEqual(withEndpoints.podsIn('default')[0].ips[0].ip, taken);
    const withSlice = modelOf({
      'p.yaml': pod,
      's.yaml': lines('apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: legacy-1, labels: {kubernetes.io/service-name: legacy}}', 'addressType: IPv4', `endpoints: [{addresses: [${taken}]}]`),
    });
    assert.notEqual(withSlice.podsIn('default')[0].ips[0].ip, taken);
  });

  it('anchors §1.4 kubelet truncates a Pod-name hostname to 63 characters and trims trailing dashes and dots', () => {
    const name = `${'a'.repeat(61)}-.b-c`;
    const model = modelOf({ 'p.yaml': lines('apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}}`, 'spec: {containers: [{name: c}]}') });
    const [pod] = model.podsIn('default');
    assert.equal(pod.hostname, 'a'.repeat(61));
    assert.equal(pod.hostnameSet, false);
  });

  it('controller labels: Job Pods carry job-name (the docs select Indexed Job Pods by it), StatefulSet and Indexed Job Pods their index', () => {
    const model = modelOf({
      'j.yaml': lines(
        'apiVersion: batch/v1', 'kind: Job', 'metadata: {name: example-job}',
        'spec: {completionMode: Indexed, completions: 2, parallelism: 2, template: {spec: {subdomain: example-svc, containers: [{name: c}]}}}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: example-svc}', 'spec: {clusterIP: None, selector: {job-name: example-job}}',
        '---', 'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}',
        'spec: {serviceName: db, replicas: 1, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}}',
      ),
    });
    const hostnames = model.backendsOf(model.service('default', 'example-svc')!).endpoints.map((endpoint) => endpoint.hostname).sort();
    assert.deepEqual(hostnames, ['example-job-0', 'example-job-1']);
    const job = model.podsIn('default').find((pod) => pod.hostname === 'example-job-1')!;
    assert.equal(job.labels['batch.kubernetes.io/job-name'], 'example-job');
    assert.equal(job.labels['batch.kubernetes.io/job-completion-index'], '1');
    const db = model.podsIn('default').find((pod) => pod.name === 'db-0')!;
    assert.deepEqual(db.labels, { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0', 'apps.kubernetes.io/pod-index': '0' });
  });

  it('dual-stack: the EndpointSlice controller gives a Service endpoints only of its own IP families', () => {
    const files = {
      'a.yaml': lines(
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: p, labels: {app: x}}', 'spec: {containers: [{name: c}]}',
        'status: {podIPs: [{ip: 10.244.1.5}, {ip: "fd00:10:244::5"}]}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: single}', 'spec: {clusterIP: None, selector: {app: x}}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: dual}', 'spec: {clusterIP: None, ipFamilyPolicy: PreferDualStack, selector: {app: x}}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: v6}', 'spec: {clusterIP: None, ipFamilies: [IPv6], selector: {app: x}}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: cluster}', 'spec: {selector: {app: x}, ports: [{port: 80}]}',
      ),
    };
    const model = modelOf(files, { serviceCIDR: '10.96.0.0/12,fd00:10:96::/112', podCIDR: '10.244.0.0/16,fd00:10:244::/56' });
    const ips = (name: string) => model.backendsOf(model.service('default', name)!).endpoints.map((endpoint) => endpoint.ip);
    assert.deepEqual(ips('single'), ['10.244.1.5'], 'a headless Service with a selector defaults to SingleStack, the first service CIDR\'s family');
    assert.deepEqual(ips('dual'), ['10.244.1.5', 'fd00:10:244::5']);
    assert.deepEqual(ips('v6'), ['fd00:10:244::5']);
    assert.deepEqual(ips('cluster'), ['10.244.1.5'], 'a single-stack ClusterIP Service: its cluster IP\'s family');
  });

  it('generateName: a controller\'s name prefix is cut to 58 characters before the 5-character suffix (names stay ≤ 63)', () => {
    const long = 'a'.repeat(60);
    const model = modelOf({
      'd.yaml': lines('apiVersion: apps/v1', 'kind: DaemonSet', `metadata: {name: ${long}}`, 'spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}'),
      'j.yaml': lines('apiVersion: batch/v1', 'kind: Job', `metadata: {name: ${'j'.repeat(60)}}`, 'spec: {completionMode: Indexed, completions: 1, template: {spec: {containers: [{name: c}]}}}'),
    });
    const [daemon, job] = [...model.podsIn('default')].sort((a, b) => a.name.localeCompare(b.name));
    assert.match(daemon.name, new RegExp(`^${'a'.repeat(58)}[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.match(job.name, new RegExp(`^${'j'.repeat(55)}-0-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(job.hostname, `${'j'.repeat(60)}-0`);
  });
});
