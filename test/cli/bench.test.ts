import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findKustomizeTool } from '../../server/src/render/kustomizeTool';
import { formatTable, runBench } from '../bench/runBench';

describe('npm run bench, at a small size so it cannot rot', () => {
  it('generates workspaces, finds exactly the planted mistakes, and reports every figure with its target', () => {
    const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-bench-'));
    try {
      const report = runBench({ sizes: [40, 120], runs: 1, timedEdits: 30, totalEdits: 120, serverEdits: 120, workRoot, variants: { overlays: 3, apps: 40 } });
      assert.deepEqual(report.sizes.map((size) => size.apps), [40, 120]);
      for (const size of report.sizes) {
        assert.ok(size.findingsCorrect, `findings of ${size.apps} apps: ${JSON.stringify(size.findings)} ≠ ${JSON.stringify(size.expected)}`);
        assert.ok(Object.values(size.expected).reduce((sum, count) => sum + count, 0) > 0, 'mistakes were planted');
        for (const figure of [size.lintMs, size.floorMs, size.ratio, size.cpuRatio, size.lintPeakRssMb, size.editor.indexMs, size.editor.rssAfterAllEditsMb]) assert.ok(Number.isFinite(figure) && figure > 0);
        assert.equal(size.editor.timedEdits, 30);
        assert.ok(size.editor.editP95Ms >= size.editor.editP50Ms);
        for (const figure of [size.server.indexMs, size.server.openedFileMs, size.server.editP50Ms, size.server.hoverP50Ms, size.server.nslookupP50Ms, size.server.rssAfterAllEditsMb]) assert.ok(Number.isFinite(figure) && figure > 0);
        assert.equal(size.server.timedEdits, 30);
        assert.ok(size.server.editP95Ms >= size.server.editP50Ms && size.server.hoverP95Ms >= size.server.hoverP50Ms);
      }
      assert.equal(report.growth?.from, 40);
      assert.deepEqual(report.targets.map((target) => target.target), [
        'exactly the planted ones', 'exactly the planted ones', '≤ 3', '≤ 3', '≤ 3.3', '≤ 15', '≤ 15', '≤ 1.5', '≤ 1.5',
        '≤ 15', '≤ 15', '≤ 1.5', '≤ 1.5', 'before indexing ends', '≤ 2', '≤ 2', '≤ 1.1', '≤ 1.1', '≤ 300', '≤ 1.1', '≤ 1.1',
        'exactly the planted ones, once', '≤ 1.2',
      ]);
      const variants = report.variants!;
      assert.ok(variants.findingsCorrect, `findings of the variants: ${JSON.stringify(variants.findings)}`);
      assert.equal(variants.overlays, 3);
      for (const figure of [variants.lintMs, variants.floorMs, variants.baseLintMs, variants.perBase, variants.renderedLintMs, variants.cachedRenderedLintMs]) assert.ok(Number.isFinite(figure) && figure > 0);
      // with a kustomize on PATH every overlay is built, then taken from the cache
      assert.equal(variants.render.roots, findKustomizeTool() ? 3 : 0);
      assert.equal(variants.render.rendered, variants.render.roots);
      const table = formatTable(report);
      assert.match(table, /Rendered \(each overlay built by kustomize, \d+ at a time\):\nrendered lint ms +roots +rendered +builds ms/);
      assert.match(table, /^apps +files +objects/);
      assert.match(table, /cold lint \/ js-yaml floor, 120 apps/);
      assert.match(table, /Language server, in-process over JSON-RPC:\napps +index ms +opened file ms +edit p50/);
      assert.match(table, /server: hover p95, 120 apps/);
      assert.match(table, /Variants: Kustomize overlays over one base \(each overlay an apply unit\):\noverlays +apps/);
    } finally {
      fs.rmSync(workRoot, { recursive: true, force: true });
    }
  });
});
