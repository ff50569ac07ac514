import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutMap } from '../../../server/src/core/map/layoutMap';
import { nodeInDirection } from '../../../server/src/core/map/mapNavigation';
import type { MapNode, ServiceMap } from '../../../server/src/core/map/serviceMap';

function node(id: string, kind: MapNode['kind']): MapNode {
  return { id, kind, objectKind: kind === 'service' ? 'Service' : 'Deployment', namespace: 'shop', name: id, details: [], findings: [] };
}

/** Two routes → three Services → two workloads, one route linked to the lower Service only. */
const map: ServiceMap = {
  namespace: null,
  namespaces: ['shop'],
  nodes: [node('r1', 'route'), node('r2', 'route'), node('s1', 'service'), node('s2', 'service'), node('s3', 'service'), node('w1', 'workload'), node('w3', 'workload')],
  edges: [
    { id: 'r1->s1', kind: 'routes', from: 'r1', to: 's1', label: '', findings: [] },
    { id: 'r2->s3', kind: 'routes', from: 'r2', to: 's3', label: '', findings: [] },
    { id: 's1->w1', kind: 'selects', from: 's1', to: 'w1', label: '', findings: [] },
    { id: 's3->w3', kind: 'selects', from: 's3', to: 'w3', label: '', findings: [] },
  ],
  findings: [],
};

describe('arrow keys on the service map', () => {
  const layout = layoutMap(map);
  const move = (from: string, direction: 'up' | 'down' | 'left' | 'right') => nodeInDirection(map, layout, from, direction);

  it('steps up and down a column, and stops at its ends', () => {
    assert.equal(move('s1', 'down'), 's2');
    assert.equal(move('s2', 'down'), 's3');
    assert.equal(move('s3', 'down'), undefined);
    assert.equal(move('s2', 'up'), 's1');
    assert.equal(move('s1', 'up'), undefined);
  });

  it('follows a link to the next column, in either direction', () => {
    assert.equal(move('r2', 'right'), 's3');
    assert.equal(move('s3', 'left'), 'r2');
    assert.equal(move('s3', 'right'), 'w3');
    assert.equal(move('w1', 'left'), 's1');
  });

  it('goes to the nearest node of the next column when no link goes there, and nowhere past the last', () => {
    const right = move('s2', 'right');
    assert.ok(right === 'w1' || right === 'w3');
    const boxOf = (id: string) => layout.nodes.get(id)!;
    const other = right === 'w1' ? 'w3' : 'w1';
    const centre = (id: string) => boxOf(id).y + boxOf(id).height / 2;
    assert.ok(Math.abs(centre(right!) - centre('s2')) <= Math.abs(centre(other) - centre('s2')));
    assert.equal(move('w3', 'right'), undefined);
    assert.equal(move('r1', 'left'), undefined);
    assert.equal(move('nowhere', 'left'), undefined);
  });
});
