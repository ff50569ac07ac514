import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../server/src/service/hover';
import { definitionAt } from '../../server/src/service/navigation';
import { documentSymbols } from '../../server/src/service/symbols';
import { lines, modelOf } from '../helpers/modelFrom';

/** The language service without a connection: List items and JSON manifests. */
describe('language service on List items and JSON', () => {
  const list = lines(
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: Service',
    '  metadata:',
    '    name: api',
    '  spec:',
    '    clusterIP: None',
    '    selector:',
    '      app: api',
    '- apiVersion: v1',
    '  kind: Pod',
    '  metadata:',
    '    name: api-0',
    '    labels:',
    '      app: api',
    '  spec:',
    '    hostname: api-0',
    '    subdomain: api',
    '    containers:',
    '    - name: api',
    '      image: api',
  );
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'api' }, subsets: [] }, null, 2);
  const model = modelOf({ 'file:///w/list.yaml': list, 'file:///w/endpoints.json': json });

  it('tells the items of a List apart', () => {
    assert.deepEqual(documentSymbols(model, 'file:///w/list.yaml').map((symbol) => symbol.name), ['Service default/api', 'Pod default/api-0']);
    const hover = hoverAt(model, 'file:///w/list.yaml', list.indexOf('subdomain: api') + 12);
    assert.match((hover?.contents as { value: string }).value, /^\*\*subdomain\*\* `api` → Service `default\/api` \(headless\)\n\n- `api-0\.api\.default\.svc\.cluster\.local` → 10\.244\.\d+\.\d+ \(simulated\)$/);
    assert.deepEqual(definitionAt(model, 'file:///w/list.yaml', list.indexOf('subdomain: api') + 12).map((location) => location.range.start), [{ line: 6, character: 10 }]);
  });

  it('reads JSON manifests like YAML ones', () => {
    const hover = hoverAt(model, 'file:///w/endpoints.json', json.indexOf('"api"') + 2);
    assert.equal((hover?.contents as { value: string }).value, '**Endpoints** `default/api` → Service `api`, but ignored: the Service has a selector, so the endpoints controller owns its Endpoints and replaces these.');
  });

  it('binds an EndpointSlice to its Service by the service-name label', () => {
    const slice = lines(
      'apiVersion: v1', 'kind: Service', 'metadata:', '  name: ext', 'spec:', '  ports:', '  - port: 80', '---',
      'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata:', '  name: ext-1', '  labels:', '    kubernetes.io/service-name: ext',
      'addressType: IPv4', 'ports:', '- port: 80', 'endpoints:', '- addresses: ["192.0.2.7"]',
    );
    const sliceModel = modelOf({ 'file:///w/slice.yaml': slice });
    const expected = '**EndpointSlice** `default/ext-1` → Service `ext` (`ext.default.svc.cluster.local`): 1 address used.';
    for (const needle of ['name: ext-1', 'service-name: ext']) {
      const hover = hoverAt(sliceModel, 'file:///w/slice.yaml', slice.indexOf(needle) + needle.length - 1);
      assert.equal((hover?.contents as { value: string }).value, expected, needle);
    }
  });
});
