import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver/node';
import { lines } from '../helpers/modelFrom';
import { repoRoot } from '../helpers/paths';
import { LspSession, positionOf, uriOf } from './lspHarness';

const seeds = path.join(repoRoot, 'examples', 'seeds');

/** Hovers on the seed scenarios, pinned exactly. Undeclared IPs are the simulator's deterministic picks. */
describe('hovers over LSP on examples/seeds', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start([seeds]);
  });
  after(() => session.dispose());

  async function hover(file: string, needle: string, shift: number, nth = 1): Promise<string | undefined> {
    const text = fs.readFileSync(path.join(seeds, file), 'utf8');
    const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(path.join(seeds, file)) }, position: positionOf(text, needle, shift, nth) });
    return result ? (result.contents as { value: string }).value : undefined;
  }

  it('a ClusterIP Service: FQDN, short names, cluster IP and ports, endpoint table', async () => {
    assert.equal(await hover('clusterip1.yaml', 'name: clusterip1', 7), [
      '**Service** `default/clusterip1` · ClusterIP',
      '',
      '`clusterip1.default.svc.cluster.local`  ',
      '`clusterip1` from namespace `default` · `clusterip1.default` from any namespace',
      '',
      '- cluster IP `10.108.9.192` (simulated) · 80/TCP → 8080',
      '',
      '| Pod | IP | Target port | Ready |',
      '| --- | --- | --- | --- |',
      '| pod1 | 10.244.177.230 (simulated) | 8080 | yes |',
    ].join('\n'));
  });

  it('a Service selector: the Pods it matches', async () => {
    assert.equal(await hover('clusterip1.yaml', 'selector:', 2), [
      '**Selector** `svc=clusterip` matches 1 Pod in `default`',
      '',
      '- `pod1`',
    ].join('\n'));
  });

  it('a Pod without subdomain: its IP, why it has no hostname FQDN, who selects it', async () => {
    assert.equal(await hover('clusterip1.yaml', 'name: pod1', 7), [
      '**Pod** `default/pod1`',
      '',
      '- `pod1` 10.244.177.230 (simulated)',
      '',
      'No hostname FQDN: `spec.subdomain` is not set.',
      '',
      'Pod IP name: `10-244-177-230.default.pod.cluster.local` (CoreDNS `pods insecure`)',
      '',
      'Selected by Service `clusterip1`',
    ].join('\n'));
  });

  it('a Service with named ports: SRV names and target ports resolved per Pod', async () => {
    assert.equal(await hover('kubia.yaml', 'name: kubia', 7), [
      '**Service** `default/kubia` · ClusterIP',
      '',
      '`kubia.default.svc.cluster.local`  ',
      '`kubia` from namespace `default` · `kubia.default` from any namespace',
      '',
      '- cluster IP `10.106.223.42` (simulated) · 80/TCP → http, 443/TCP → https',
      '- SRV `_http._tcp.kubia.default.svc.cluster.local` → port 80',
      '- SRV `_https._tcp.kubia.default.svc.cluster.local` → port 443',
      '',
      '| Pod | IP | Target port | Ready |',
      '| --- | --- | --- | --- |',
      '| kubia-j59rt | 10.244.167.209 (simulated) | http 8080, https 8443 | yes |',
      '| kubia-mt5bd | 10.244.82.251 (simulated) | http 8080, https 8443 | yes |',
      '| kubia-wtv42 | 10.244.245.2 (simulated) | http 8080, https 8443 | yes |',
    ].join('\n'));
  });

  it('a Service port: the container port it resolves to in each Pod', async () => {
    assert.equal(await hover('kubia.yaml', 'targetPort: https', 4), [
      '**Port** 443/TCP (`https`) of Service `kubia` → target port `https`',
      '',
      'SRV `_https._tcp.kubia.default.svc.cluster.local`',
      '',
      '- `kubia-j59rt`: 8443 (container `kubia`)',
      '- `kubia-mt5bd`: 8443 (container `kubia`)',
      '- `kubia-wtv42`: 8443 (container `kubia`)',
    ].join('\n'));
  });

  it('a workload: the Pods it makes', async () => {
    assert.equal(await hover('kubia.yaml', 'kind: ReplicaSet', 7), [
      '**ReplicaSet** `default/kubia` · 3 Pods',
      '',
      '- `kubia-j59rt` 10.244.167.209 (simulated)',
      '- `kubia-mt5bd` 10.244.82.251 (simulated)',
      '- `kubia-wtv42` 10.244.245.2 (simulated)',
      '',
      'No hostname FQDN: `spec.subdomain` is not set.',
      '',
      'Selected by Service `kubia`',
    ].join('\n'));
  });

  it('a headless Service: no cluster IP, per-Pod names', async () => {
    assert.equal(await hover('headless1.yaml', 'name: headless1', 7), [
      '**Service** `default/headless1` · headless',
      '',
      '`headless1.default.svc.cluster.local`  ',
      '`headless1` from namespace `default` · `headless1.default` from any namespace',
      '',
      '- no cluster IP: the name answers the ready endpoints\' IPs · ports 80/TCP → 8080',
      '',
      '| Pod | IP | Target port | Ready |',
      '| --- | --- | --- | --- |',
      '| pod4 | 10.244.177.231 (simulated) | 8080 | yes |',
      '| pod5 | 10.244.177.232 (simulated) | 8080 | yes |',
      '',
      '- `pod-a.headless1.default.svc.cluster.local` → 10.244.177.231 (simulated)',
      '- `pod-b.headless1.default.svc.cluster.local` → 10.244.177.232 (simulated)',
    ].join('\n'));
  });

  it('a Pod with hostname and subdomain: its published FQDN', async () => {
    assert.equal(await hover('headless1.yaml', 'name: pod4', 7), [
      '**Pod** `default/pod4`',
      '',
      '- `pod4` 10.244.177.231 (simulated) → `pod-a.headless1.default.svc.cluster.local`',
      '',
      'Pod IP name: `10-244-177-231.default.pod.cluster.local` (CoreDNS `pods insecure`)',
      '',
      'Selected by Service `headless1`',
    ].join('\n'));
  });

  it('a subdomain: the headless Service it binds to and the name it gives', async () => {
    assert.equal(await hover('headless1.yaml', 'subdomain: headless1', 12), [
      '**subdomain** `headless1` → Service `default/headless1` (headless)',
      '',
      '- `pod-a.headless1.default.svc.cluster.local` → 10.244.177.231 (simulated)',
    ].join('\n'));
  });

  it('a selector-less Service: endpoints from hand-written Endpoints, the Pod found by its declared IP', async () => {
    assert.equal(await hover('endpoint2.yaml', 'name: endpoint2', 7), [
      '**Service** `default/endpoint2` · ClusterIP',
      '',
      '`endpoint2.default.svc.cluster.local`  ',
      '`endpoint2` from namespace `default` · `endpoint2.default` from any namespace',
      '',
      '- cluster IP `10.108.66.108` (simulated) · 8080/TCP → 8080',
      '',
      'No selector: the endpoints come from Endpoints `endpoint2`.',
      '',
      '| Pod | IP | Target port | Ready |',
      '| --- | --- | --- | --- |',
      '| pod9 | 20.109.5.12 | 8080 | yes |',
    ].join('\n'));
  });

  it('an Endpoints name: the Service it binds to', async () => {
    assert.equal(await hover('endpoint2.yaml', 'name: endpoint2', 7, 2), [
      '**Endpoints** `default/endpoint2` → Service `endpoint2` (`endpoint2.default.svc.cluster.local`): 1 address used.',
    ].join('\n'));
  });

  it('an ExternalName Service: the CNAME, no endpoints', async () => {
    assert.equal(await hover('externalname1.yaml', 'name: externalname1', 7), [
      '**Service** `default/externalname1` · ExternalName',
      '',
      '`externalname1.default.svc.cluster.local`  ',
      '`externalname1` from namespace `default` · `externalname1.default` from any namespace',
      '',
      '- CNAME → `github.github.io`',
      '',
      'No endpoints: ExternalName Services get none.',
    ].join('\n'));
  });

  it('an externalName: where the CNAME leads', async () => {
    assert.equal(await hover('externalname1.yaml', 'externalName: github', 15), [
      '**CNAME** `externalname1.default.svc.cluster.local.` → `github.github.io.`',
      '',
      'The target is outside the cluster: its addresses come from the upstream resolver.',
    ].join('\n'));
  });

  it('a container port: the Service ports that reach it', async () => {
    assert.equal(await hover('kubia.yaml', 'containerPort: 8443', 4), [
      '**Container port** 8443/TCP (`https`) of container `kubia`, reached from:',
      '',
      '- Service `kubia` port 443 (`https`) → https',
    ].join('\n'));
    assert.equal(await hover('clusterip1.yaml', 'containerPort: 8080', 4), [
      '**Container port** 8080/TCP of container `container`, reached from:',
      '',
      '- Service `clusterip1` port 80 → 8080',
    ].join('\n'));
  });

  it('covers the word under the cursor, and nothing where there is nothing to say', async () => {
    const text = fs.readFileSync(path.join(seeds, 'kubia.yaml'), 'utf8');
    const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(path.join(seeds, 'kubia.yaml')) }, position: positionOf(text, 'name: kubia', 8) });
    assert.deepEqual(result?.range, { start: positionOf(text, 'name: kubia', 6), end: positionOf(text, 'name: kubia', 11) });
    assert.equal(await hover('kubia.yaml', 'image: luksa', 3), undefined);
  });
});

describe('hover on a selector that matches Pods only in another namespace', () => {
  it('names the near miss', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hover-'));
    const text = lines(
      'apiVersion: v1', 'kind: Service', 'metadata:', '  name: cart', '  namespace: shop', 'spec:', '  selector:', '    app: cart', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: cart', '  labels:', '    app: cart', 'spec:', '  containers:', '  - name: cart', '    image: cart',
    );
    fs.writeFileSync(path.join(folder, 'app.yaml'), text);
    const session = await LspSession.start([folder]);
    try {
      const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(path.join(folder, 'app.yaml')) }, position: positionOf(text, 'app: cart', 1) });
      assert.equal((result?.contents as { value: string }).value, '**Selector** `app=cart` matches 0 Pods in `shop`\n\nSame labels in other namespaces (not selected): `default`');
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('hovers on a LoadBalancer Service in front of a StatefulSet', () => {
  const text = lines(
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  type: LoadBalancer', '  selector:', '    app: web', '  ports:',
    '  - name: http', '    port: 80', '    targetPort: web', '    nodePort: 30080', '  - name: metrics', '    port: 9090', '---',
    'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: web', 'spec:', '  serviceName: web', '  replicas: 2', '  selector:',
    '    matchLabels:', '      app: web', '  template:', '    metadata:', '      labels:', '        app: web', '    spec:', '      containers:',
    '      - name: c', '        image: nginx',
  );
  let folder: string;
  let session: LspSession;
  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hover-'));
    fs.writeFileSync(path.join(folder, 'web.yaml'), text);
    session = await LspSession.start([folder], { kubeLookup: { nodeAddresses: ['192.168.0.11', '192.168.0.12'] } });
  });
  after(async () => {
    await session.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const hover = async (needle: string, shift: number): Promise<string | undefined> => {
    const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(path.join(folder, 'web.yaml')) }, position: positionOf(text, needle, shift) });
    return result ? (result.contents as { value: string }).value : undefined;
  };

  it('shows every node\'s IP:nodePort, the load balancer, and a named targetPort no Pod declares', async () => {
    assert.equal(await hover('name: web', 7), [
      '**Service** `default/web` · LoadBalancer',
      '',
      '`web.default.svc.cluster.local`  ',
      '`web` from namespace `default` · `web.default` from any namespace',
      '',
      '- cluster IP `10.98.77.99` (simulated) · 80/TCP → web, 9090/TCP → 9090',
      '- nodePort 30080 → port 80 on every node: `192.168.0.11:30080`, `192.168.0.12:30080`',
      '- nodePort 31175 (simulated) → port 9090 on every node: `192.168.0.11:31175`, `192.168.0.12:31175`',
      '- load balancer: its address comes from the cloud provider (`status.loadBalancer`)',
      '- SRV `_http._tcp.web.default.svc.cluster.local` → port 80',
      '- SRV `_metrics._tcp.web.default.svc.cluster.local` → port 9090',
      '',
      '| Pod | IP | Target port | Ready |',
      '| --- | --- | --- | --- |',
      '| web-0 | 10.244.1.181 (simulated) | http ✗, metrics 9090 | yes |',
      '| web-1 | 10.244.1.182 (simulated) | http ✗, metrics 9090 | yes |',
      '',
      '✗ no container port named "web" with protocol TCP: `web-0`, `web-1`',
    ].join('\n'));
  });

  it('says why the StatefulSet\'s Pod names are not published', async () => {
    assert.equal(await hover('kind: StatefulSet', 7), [
      '**StatefulSet** `default/web` · 2 Pods',
      '',
      '- `web-0` 10.244.1.181 (simulated) · `web-0.web.default.svc.cluster.local` not published',
      '- `web-1` 10.244.1.182 (simulated) · `web-1.web.default.svc.cluster.local` not published',
      '',
      'Not published: Service `web` is not headless (`clusterIP: None`).',
      '',
      'Selected by Service `web`',
    ].join('\n'));
    assert.equal(await hover('serviceName: web', 14), [
      '**subdomain** `web` → Service `default/web` (LoadBalancer, not headless)',
      '',
      '- `web-0.web.default.svc.cluster.local` not published',
      '- `web-1.web.default.svc.cluster.local` not published',
      '',
      'Not published: Service `web` is not headless (`clusterIP: None`).',
    ].join('\n'));
  });
});
