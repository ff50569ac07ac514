import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifestFile } from '../../../server/src/core/yaml/parseManifestFile';
import { lines } from '../../helpers/modelFrom';

describe('parseManifestFile', () => {
  it('reads every document of a multi-document file with its span', () => {
    const text = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: a}', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: b}');
    const parsed = parseManifestFile(text);
    assert.equal(parsed.issues.length, 0);
    assert.equal(parsed.documents.length, 2);
    assert.equal(text.slice(parsed.documents[1].span.start, parsed.documents[1].span.start + 14), 'apiVersion: v1');
    assert.deepEqual((parsed.documents[1].value as { metadata: unknown }).metadata, { name: 'b' });
  });

  it('turns broken YAML into one yaml-syntax issue and keeps the other documents', () => {
    const text = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: a}', '---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: b', '   labels: x');
    const parsed = parseManifestFile(text);
    assert.equal(parsed.issues.length, 1);
    assert.equal(parsed.issues[0].ruleId, 'yaml-syntax');
    const line = text.slice(0, parsed.issues[0].span.start).split('\n').length;
    assert.equal(line, 8); // yaml reports the compact mapping the stray key breaks
    assert.ok(parsed.documents[0].value);
    assert.equal(parsed.documents[1].value, undefined);
  });

  it('reads CRLF line ends and a byte-order mark', () => {
    const text = '\ufeffapiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web # the web tier\r\n';
    const parsed = parseManifestFile(text);
    assert.equal(parsed.issues.length, 0);
    assert.deepEqual(parsed.documents[0].value, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } });
  });

  it('reads JSON manifests', () => {
    const parsed = parseManifestFile('{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j"}}');
    assert.deepEqual((parsed.documents[0].value as { metadata: unknown }).metadata, { name: 'j' });
  });

  it('skips a Helm template with one templated-file issue on the first action', () => {
    const text = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: {{ .Release.Name }}', '  labels: {{- include "x" . | nindent 4 }}');
    const parsed = parseManifestFile(text);
    assert.equal(parsed.documents.length, 0);
    assert.equal(parsed.issues.length, 1);
    assert.equal(parsed.issues[0].ruleId, 'templated-file');
    assert.equal(text.slice(parsed.issues[0].span.start, parsed.issues[0].span.end), '{{ .Release.Name }}');
  });

  it('does not take a template inside a quoted string for a templated file', () => {
    const text = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: alerts}', 'data:', '  summary: "Instance down: {{ $labels.instance }} is gone"');
    assert.equal(parseManifestFile(text).issues.length, 0);
  });

  it('reads ${{ }} expressions (GitHub Actions, Argo) in plain values as text, but not a Jinja value', () => {
    const workflow = lines('name: ci', 'jobs:', '  build:', '    steps:', '    - with:', '        key: skaffold-${{ runner.os }}-${{ github.run_id }}', '    - run: |', '        apiVersion: v1', '        kind: Namespace');
    assert.deepEqual(parseManifestFile(workflow).issues, []);
    const jinja = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: otel}', 'data:', '  project: {{PROJECT_ID}}', '  key: run-${{ github.run_id }}');
    const parsed = parseManifestFile(jinja);
    assert.equal(parsed.issues.length, 1);
    assert.equal(jinja.slice(parsed.issues[0].span.start, parsed.issues[0].span.end), '{{PROJECT_ID}}');
    const mixed = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: otel}', 'data:', '  key: run-${{ github.run_id }}-{{ .Values.x }}');
    assert.equal(parseManifestFile(mixed).issues[0]?.ruleId, 'templated-file');
  });

  it('says nothing about YAML that is not a Kubernetes manifest, even when broken', () => {
    assert.deepEqual(parseManifestFile(lines('name: ci', 'on: [push', 'jobs: {}')).issues, []);
  });

  it('refuses alias bombs and files over the size limit with a clear issue', () => {
    const bomb = lines('apiVersion: v1', 'kind: ConfigMap', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]');
    const parsed = parseManifestFile(bomb);
    assert.equal(parsed.issues[0].ruleId, 'yaml-syntax');
    assert.match(parsed.issues[0].message, /alias/i);
    const big = parseManifestFile('x'.repeat(101), { maxFileSize: 100, maxAliasCount: 100 });
    assert.equal(big.issues[0].ruleId, 'file-skipped');
  });
});
