import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typedOrPicked } from '../../client/src/typedPick';

describe('a quick pick that takes free text (nslookup name, connection target)', () => {
  it('takes the typed text when Enter comes before the list follows it', () => {
    // the list still showed the Service suggestions: the active one is not what was typed
    assert.equal(typedOrPicked('headless1.default', 'clusterip1'), 'headless1.default');
    assert.equal(typedOrPicked(' web.shop ', undefined), 'web.shop');
  });

  it('takes the item when the typed text filters to it, or nothing was typed', () => {
    assert.equal(typedOrPicked('clu', 'clusterip1'), 'clusterip1');
    assert.equal(typedOrPicked('', 'clusterip1'), 'clusterip1');
    assert.equal(typedOrPicked('', undefined), undefined);
  });
});
