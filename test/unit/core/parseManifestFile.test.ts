import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultParseLimits, parseManifestFile } from '../../../server/src/core/yaml/parseManifestFile';
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
    // inside a plain scalar an action is text, like any other character of the value
    const inPlain = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: otel}', 'data:', '  key: run-${{ github.run_id }}-{{ .Values.x }}');
    assert.deepEqual(parseManifestFile(inPlain).issues, []);
    assert.deepEqual((parseManifestFile(inPlain).documents[0].value as { data: unknown }).data, { key: 'run-${{ github.run_id }}-{{ .Values.x }}' });
  });

  it('reads template actions inside block scalars and multi-line quoted strings as text', () => {
    const alertmanager = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: alertmanager-templates', 'data:', '  slack.tmpl: |', '    {{ define "slack.title" }}', '    {{- if eq .Status "firing" }}FIRING{{ end }}', '    {{- end }}');
    const fast = parseManifestFile(alertmanager);
    assert.deepEqual(fast.issues, []);
    assert.equal((fast.documents[0].value as { data: Record<string, string> }).data['slack.tmpl'], '{{ define "slack.title" }}\n{{- if eq .Status "firing" }}FIRING{{ end }}\n{{- end }}\n');
    // a multi-line double-quoted string is beyond the fast reader: `yaml` reads it, and still no template
    const quoted = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: chat}', 'data:', '  template: "{% for m in messages %}', '    {{ m.content }}{% endfor %}"');
    const fallback = parseManifestFile(quoted);
    assert.deepEqual(fallback.issues, []);
    assert.equal(fallback.documents.length, 1);
  });

  it('skips Helm, Jinja and Go templates where an action stands for structure, at that action', () => {
    const cases: [string, string][] = [
      [lines('{{- if .Values.enabled }}', 'apiVersion: v1', 'kind: Service', 'metadata: {name: a}', '{{- end }}'), '{{- if .Values.enabled }}'],
      [lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web-{{ .Release.Name }}', '  labels:', '    {{- include "x.labels" . | nindent 4 }}'), '{{- include "x.labels" . | nindent 4 }}'],
      [lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: "{{ .Release.Name }}"', 'spec:', '  ports: [{port: {{ .Values.port }}}]'), '{{ .Values.port }}'],
      [lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', 'data:', '  {% for k in keys %}{{ k }}: x', '  {% endfor %}'), '{% for k in keys %}'],
    ];
    for (const [text, action] of cases) {
      const parsed = parseManifestFile(text);
      assert.equal(parsed.documents.length, 0, text);
      assert.deepEqual(parsed.issues.map((issue) => [issue.ruleId, text.slice(issue.span.start, issue.span.end)]), [['templated-file', action]], text);
    }
  });

  it('says nothing about a template that never names apiVersion and kind', () => {
    assert.deepEqual(parseManifestFile(lines('image:', '  tag: {{ .Chart.AppVersion }}', '{{- if .Values.x }}', 'x: 1', '{{- end }}')), { documents: [], issues: [] });
    // a values file that shows a manifest in its comments is still no manifest
    assert.deepEqual(parseManifestFile(lines('# extraManifests:', '#   - apiVersion: v1', '#     kind: ConfigMap', 'extraManifests: {{ .Values.x }}')), { documents: [], issues: [] });
  });

  it('says nothing about YAML that is not a Kubernetes manifest, even when broken', () => {
    assert.deepEqual(parseManifestFile(lines('name: ci', 'on: [push', 'jobs: {}')).issues, []);
  });

  it('refuses alias bombs and files over the size limit with a clear issue', () => {
    const bomb = lines('apiVersion: v1', 'kind: ConfigMap', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]');
    const parsed = parseManifestFile(bomb);
    assert.equal(parsed.issues[0].ruleId, 'yaml-syntax');
    assert.match(parsed.issues[0].message, /alias/i);
    const big = parseManifestFile('x'.repeat(101), { ...defaultParseLimits, maxFileSize: 100 });
    assert.equal(big.issues[0].ruleId, 'file-skipped');
  });
});
