import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderHelmChart, renderHelmChartAsync } from '../../../server/src/render/runHelm';
import { helmOnPath, type HelmCall } from '../../helpers/helmOnPath';
import { fixturesRoot } from '../../helpers/paths';

/**
 * helm template as the language server runs it: without blocking the event loop, under the same
 * limits, command line and environment as the CLI's synchronous run (through the stand-in of
 * helpers/helmStandIn.ts).
 */
const chart = path.join(fixturesRoot, 'helm', 'charts', 'web');
const captured = path.join(fixturesRoot, 'helm', 'captured', 'web-shop.txt');
const release = { release: 'shop', namespace: 'shop', valuesFiles: [path.join(chart, 'ci', 'shop-values.yaml')] };

async function withStandIn<T>(mode: string, run: (helm: string) => Promise<T>): Promise<{ result: T; calls: HelmCall[] }> {
  const standIn = helmOnPath({ web: captured }, mode);
  const names = ['KUBE_LOOKUP_TEST_HELM_LOG', 'KUBE_LOOKUP_TEST_HELM_MODE', 'KUBE_LOOKUP_TEST_HELM_OUTPUTS'];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) process.env[name] = standIn.env[name];
  try {
    const result = await run(path.join(standIn.folder, 'helm'));
    return { result, calls: standIn.calls() };
  } finally {
    for (const name of names) if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
    standIn.remove();
  }
}

/** A call as it would repeat: the temporary home's name differs from run to run. */
const comparable = (call: HelmCall): unknown => ({ argv: call.argv, env: Object.fromEntries(Object.entries(call.env).map(([name, value]) => [name, value.replace(/kube-lookup-helm-[^/]+/, 'HOME')])), pluginsFolder: call.pluginsFolder });

describe('helm template run asynchronously', () => {
  it('prints what the synchronous run prints, run with the same command line and environment', async () => {
    const asynchronous = await withStandIn('print', (helm) => renderHelmChartAsync(helm, chart, release));
    const synchronous = await withStandIn('print', async (helm) => renderHelmChart(helm, chart, release));
    assert.ok(asynchronous.result.ok && asynchronous.result.output.includes('# Source: web/templates/service.yaml'));
    assert.deepEqual(asynchronous.result, synchronous.result);
    assert.equal(asynchronous.calls.length, 1);
    assert.deepEqual(asynchronous.calls.map(comparable), synchronous.calls.map(comparable));
  });

  it('kills a helm that runs over the time limit, and the event loop runs meanwhile', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    try {
      const { result } = await withStandIn('sleep', (helm) => renderHelmChartAsync(helm, chart, release, { timeoutMs: 600, maxOutputBytes: 1_000_000 }));
      assert.deepEqual(result, { ok: false, error: 'it ran over the time limit of 0.6 s' });
    } finally {
      clearInterval(ticker);
    }
    assert.ok(Date.now() - started < 10_000, `ended after ${Date.now() - started} ms`);
    assert.ok(ticks >= 10, `the event loop ticked ${ticks} times while helm ran`);
  });

  it('stops a helm whose output is over the size limit and says so', async () => {
    const { result } = await withStandIn('flood', (helm) => renderHelmChartAsync(helm, chart, release, { timeoutMs: 20_000, maxOutputBytes: 100_000 }));
    assert.deepEqual(result, { ok: false, error: 'its output is over the limit of 0.1 MB' });
  });

  it('gives helm\'s own error on one line', async () => {
    const { result } = await withStandIn('fail', (helm) => renderHelmChartAsync(helm, chart, release));
    assert.deepEqual(result, { ok: false, error: 'template: web/templates/service.yaml:11:20: executing "web/templates/service.yaml" at <.Values.service.targetPort>: nil pointer evaluating interface {}.targetPort' });
  });

  it('says so when helm cannot be run', async () => {
    const missing = path.join(fixturesRoot, 'no-such-helm');
    assert.deepEqual(await renderHelmChartAsync(missing, chart, release), { ok: false, error: `cannot run ${missing} (ENOENT)` });
    assert.deepEqual(renderHelmChart(missing, chart, release), { ok: false, error: `cannot run ${missing} (ENOENT)` });
  });
});
