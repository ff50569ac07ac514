import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVICE_MAP_REQUEST, type ServiceMapResult } from '../../server/src/protocol';
import { repoRoot } from '../helpers/paths';
import { LspSession, uriOf } from './lspHarness';

const broken = path.join(repoRoot, 'examples', 'broken');

describe('kubeLookup/serviceMap', () => {
  it('maps the active cluster of a document, broken links with their findings, sources as locations', async () => {
    const session = await LspSession.start([broken]);
    try {
      const uri = uriOf(path.join(broken, 'selector-typo', 'app.yaml'));
      await session.until(() => (session.diagnostics.get(uri)?.length ?? 0) > 0);
      const map = await session.request<ServiceMapResult>(SERVICE_MAP_REQUEST, { uri });
      assert.equal(map.cluster, 'plain');
      assert.deepEqual(map.namespaces, ['default', 'shop']);
      const red = map.edges.find((edge) => edge.id === 'service:default/frontend->workload:Deployment/default/frontend#intended')!;
      assert.match(red.findings[0].message, /selector app=frontent matches no Pod/);
      const location = map.locations['service:default/frontend'];
      assert.equal(location.uri, uri);
      assert.deepEqual(location.range.start, location.range.end);
      assert.deepEqual(map.findings.map((finding) => [finding.ruleId, finding.location.uri]), [['endpoints-without-service', uriOf(path.join(broken, 'endpoints-name-typo', 'database.yaml'))]]);
      const shop = await session.request<ServiceMapResult>(SERVICE_MAP_REQUEST, { uri, namespace: 'shop' });
      assert.deepEqual(shop.nodes.map((node) => node.id), ['service:shop/cart']);
      // a namespace gone since the map was opened shows every namespace
      assert.equal((await session.request<ServiceMapResult>(SERVICE_MAP_REQUEST, { uri, namespace: 'gone' })).namespace, null);
    } finally {
      await session.dispose();
    }
  });

  it('follows an edit: the fixed selector turns the red edge into a Service → workload edge', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-map-'));
    fs.cpSync(path.join(broken, 'selector-typo'), folder, { recursive: true });
    const file = path.join(folder, 'app.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const session = await LspSession.start([folder]);
    try {
      const uri = uriOf(file);
      await session.open(uri, text);
      await session.until(() => session.codes(uri).some((code) => code.startsWith('service-selector-matches-nothing')));
      const before = await session.request<ServiceMapResult>(SERVICE_MAP_REQUEST, { uri });
      assert.ok(before.edges.some((edge) => edge.kind === 'intended'));
      const at = text.indexOf('app: frontent') + 'app: '.length;
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - text.lastIndexOf('\n', at) - 1;
      await session.edit(uri, { start: { line, character }, end: { line, character: character + 'frontent'.length } }, 'frontend');
      await session.until(() => !session.codes(uri).some((code) => code.startsWith('service-selector-matches-nothing')));
      const after = await session.request<ServiceMapResult>(SERVICE_MAP_REQUEST, { uri });
      assert.deepEqual(after.edges.map((edge) => [edge.kind, edge.findings.length]).filter(([kind]) => kind !== 'exposes'), [['selects', 0]]);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
