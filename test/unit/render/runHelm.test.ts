import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/settings';
import { renderHelmUnit } from '../../../server/src/render/renderHelmUnit';
import { renderHelmChart } from '../../../server/src/render/runHelm';
import { helmOnPath } from '../../helpers/helmOnPath';
import { fixturesRoot } from '../../helpers/paths';

/** helm template through the stand-in (helpers/helmStandIn.ts): limits and failures end the run and say why, never hang. */
const chart = path.join(fixturesRoot, 'helm', 'charts', 'web');
const release = { release: 'shop', namespace: 'shop', valuesFiles: [] };

function withStandIn<T>(mode: string, run: (helm: string) => T): T {
  const standIn = helmOnPath({}, mode);
  const saved = { ...process.env };
  Object.assign(process.env, { KUBE_LOOKUP_TEST_HELM_LOG: standIn.env.KUBE_LOOKUP_TEST_HELM_LOG, KUBE_LOOKUP_TEST_HELM_MODE: mode });
  try {
    return run(path.join(standIn.folder, 'helm'));
  } finally {
    for (const name of ['KUBE_LOOKUP_TEST_HELM_LOG', 'KUBE_LOOKUP_TEST_HELM_MODE']) if (saved[name] === undefined) delete process.env[name];
    standIn.remove();
  }
}

describe('helm template under limits', () => {
  it('kills a helm that runs over the time limit and says so', () => {
    const started = Date.now();
    const result = withStandIn('sleep', (helm) => renderHelmChart(helm, chart, release, { timeoutMs: 500, maxOutputBytes: 1_000_000 }));
    assert.deepEqual(result, { ok: false, error: 'it ran over the time limit of 0.5 s' });
    assert.ok(Date.now() - started < 10_000, `ended after ${Date.now() - started} ms`);
  });

  it('stops a helm whose output is over the size limit and says so', () => {
    const result = withStandIn('flood', (helm) => renderHelmChart(helm, chart, release, { timeoutMs: 20_000, maxOutputBytes: 100_000 }));
    assert.deepEqual(result, { ok: false, error: 'its output is over the limit of 0.1 MB' });
  });

  it('gives helm\'s own error on one line', () => {
    const result = withStandIn('fail', (helm) => renderHelmChart(helm, chart, release));
    assert.deepEqual(result, { ok: false, error: 'template: web/templates/service.yaml:11:20: executing "web/templates/service.yaml" at <.Values.service.targetPort>: nil pointer evaluating interface {}.targetPort' });
  });

  it('reports a chart over a limit as not rendered, with the reason', () => {
    const rendering = withStandIn('sleep', (helm) => renderHelmUnit(
      { name: 'web', kind: 'helm', root: chart, files: [], support: [], remote: [] },
      { helm, settings: defaultSettings, files: new Map(), charts: [], chartsFolder: '.', limits: { timeoutMs: 300, maxOutputBytes: 1_000_000 } },
    ));
    assert.deepEqual(rendering, { rendered: false, reason: { messageId: 'failed', data: { error: 'it ran over the time limit of 0.3 s' } } });
  });
});
