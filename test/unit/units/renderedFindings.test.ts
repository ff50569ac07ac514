import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ClusterModel, readManifestFile, type ManifestFile } from '../../../server/src/core/model/clusterModel';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { defaultSettings } from '../../../server/src/core/settings';
import { inlinePatch } from '../../../server/src/core/units/inlinePatch';
import { KustomizeLayers } from '../../../server/src/core/units/kustomizeLayers';
import { pathByMergeKeys } from '../../../server/src/core/units/mergeKeyPath';
import { mapRenderedFindings } from '../../../server/src/core/units/renderedFindings';
import { splitRenderedOutput } from '../../../server/src/core/units/renderedOutput';
import { fixturesRoot } from '../../helpers/paths';

/**
 * The mapping from kustomize's output back to the files as written, on output captured from
 * `kubectl kustomize` (test/fixtures/rendering/captured/): runs with no kustomize on the machine.
 * test/cli/rendering.test.ts runs the real tool on the same fixtures.
 */
const sources = path.join(fixturesRoot, 'rendering', 'overlays');

function sourceFiles(): Map<string, ManifestFile> {
  const files = new Map<string, ManifestFile>();
  for (const entry of fs.readdirSync(sources, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(sources, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    files.set(file, readManifestFile(file, fs.readFileSync(path.join(sources, file), 'utf8'), defaultSettings));
  }
  return files;
}

function lintCaptured(root: string, kustomizations: string[], adjust: (files: Map<string, ManifestFile>) => void = () => {}) {
  const files = sourceFiles();
  adjust(files);
  const output = fs.readFileSync(path.join(fixturesRoot, 'rendering', 'captured', `${root.replace(/\//g, '-')}.txt`), 'utf8');
  const rendered = splitRenderedOutput(output, (origin) => origin, `${root}/kustomization.yaml`, defaultSettings);
  const model = new ClusterModel(defaultSettings);
  for (const file of rendered) model.setParsedFile(file.entry);
  const layers = new KustomizeLayers(`${root}/kustomization.yaml`, kustomizations, (file) => files.get(file)?.text);
  const findings = mapRenderedFindings(lintFiles(model, undefined, { fixes: false }).findings, {
    rendered: new Map(rendered.map((file) => [file.entry.file, file])),
    sourceOf: (file) => files.get(file),
    layersOver: (file) => layers.over(file),
    readLayers: () => layers.all(),
    display: (file) => file,
  });
  const at = (file: string, span: { start: number; end: number }): string => {
    const text = files.get(file)!.text;
    return `${file}:${text.slice(0, span.start).split('\n').length} "${text.slice(span.start, span.end)}"`;
  };
  return findings.map((finding) => ({ ruleId: finding.ruleId, at: at(finding.file, finding.span), message: finding.message, related: finding.related.map((related) => at(related.file, related.span)) }));
}

describe('rendered findings, mapped back', () => {
  it('splits the output into a file per origin, and puts each finding on the line that set the value', () => {
    const findings = lintCaptured('overlays/prod', ['overlays/prod/kustomization.yaml', 'base/kustomization.yaml']).filter((finding) => finding.ruleId === 'service-target-port-not-found');
    assert.deepEqual(findings.map((finding) => finding.at).sort(), [
      'base/service.yaml:10 "htp"',
      'overlays/prod/https-port.yaml:10 "httpss"',
      'overlays/prod/metrics-port.yaml:4 "metrix"',
    ]);
    const base = findings.find((finding) => finding.at.startsWith('base/'))!;
    assert.doesNotMatch(base.message, /rendered by kustomize/, 'the value written in the base is the one rendered: nothing to add');
    assert.match(base.message, /in Deployment "prod-web"/);
  });

  it('names the transformer of a field the file does not have, with its line as related information', () => {
    const [selector] = lintCaptured('apps/monitoring', ['apps/monitoring/kustomization.yaml']).filter((finding) => finding.ruleId === 'service-selector-matches-nothing');
    assert.equal(selector.at, 'apps/monitoring/service.yaml:5 "monitor"');
    assert.match(selector.message, /\(rendered by kustomize: spec\.selector is \{app: monitor\}, labels app=monitor added by commonLabels in apps\/monitoring\/kustomization\.yaml\)$/);
    assert.deepEqual(selector.related, ['apps/monitoring/exporter.yaml:4 "exporter"', 'apps/monitoring/kustomization.yaml:1 "commonLabels"']);
  });

  it('matches list items by merge key, not by index', () => {
    const written = { spec: { ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }] } };
    const rendered = { spec: { ports: [{ name: 'https', port: 443 }, { name: 'http', port: 80 }, { name: 'metrics', port: 9090 }] } };
    assert.deepEqual(pathByMergeKeys(written, rendered, ['spec', 'ports', 2, 'port']), { path: ['spec', 'ports', 1, 'port'], value: 9090 });
    assert.equal(pathByMergeKeys(written, rendered, ['spec', 'ports', 0, 'port']), undefined);
  });

  it('maps a span inside an inline patch (patch: |-) to the kustomization', () => {
    const text = 'patches:\n- target: {kind: Service}\n  patch: |-\n    - op: replace\n      path: /spec/type\n      value: NodePort\n';
    const kustomization = readManifestFile('kustomization.yaml', text, defaultSettings);
    const inline = inlinePatch(kustomization, ['patches', 0, 'patch'])!;
    assert.equal(inline.entry.text, '- op: replace\n  path: /spec/type\n  value: NodePort');
    const at = inline.entry.text.indexOf('NodePort');
    const span = inline.toKustomization({ start: at, end: at + 'NodePort'.length });
    assert.equal(text.slice(span.start, span.end), 'NodePort');
    assert.equal(inlinePatch(readManifestFile('k.yaml', 'patches:\n- patch: "[{op: remove, path: /x}]"\n', defaultSettings), ['patches', 0, 'patch']), undefined, 'a quoted patch is not mapped');
  });

  it('keeps a finding whose origin file the reader saw no object in, on the name line the rendered name contains', () => {
    // as when the reader skipped a file kustomize read as plain YAML
    const findings = lintCaptured('overlays/prod', ['overlays/prod/kustomization.yaml', 'base/kustomization.yaml'], (files) => files.set('base/service.yaml', { ...files.get('base/service.yaml')!, objects: [] }));
    const ports = findings.filter((finding) => finding.ruleId === 'service-target-port-not-found');
    // the patches still hold theirs; the base's two (the suppression comment is no longer on the line above) go to its name
    assert.deepEqual(ports.map((finding) => finding.at).sort(), ['base/service.yaml:5 "web"', 'base/service.yaml:5 "web"', 'overlays/prod/https-port.yaml:10 "httpss"', 'overlays/prod/metrics-port.yaml:4 "metrix"']);
    const base = ports.filter((finding) => finding.at.startsWith('base/'));
    assert.match(base[0].message, /\(rendered by kustomize from Service "prod-web"\)$/);
  });
});
