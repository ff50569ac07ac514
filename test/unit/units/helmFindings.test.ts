import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifestFile } from '../../../server/src/core/model/clusterModel';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { defaultSettings } from '../../../server/src/core/settings';
import { mapHelmFindings, type HelmRenderedFile } from '../../../server/src/core/units/helmFindings';
import { splitHelmOutput } from '../../../server/src/core/units/helmOutput';
import { lines, modelOf } from '../../helpers/modelFrom';

/**
 * Findings on Helm's output put back on template lines, for templates of several documents and a
 * `range`: the line that writes the value, else the line of the key in the object's own document.
 */
const template = lines(
  '{{- range $name, $port := .Values.backends }}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: {{ $name }}',
  'spec:',
  '  selector:',
  '    app: {{ $name }}',
  '  ports:',
  '    - port: 80',
  '      targetPort: {{ $port }}',
  '{{- end }}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: admin',
  'spec:',
  '  selector:',
  '    app: {{ .Values.adminApp }}',
  '  ports:',
  '    - name: web',
  '      port: 80',
  '      targetPort: {{ .Values.adminPort }}',
  '    - name: admin',
  '      port: 8080',
  '      targetPort: admn',
  '',
);

const service = (name: string, app: string, ports: [string, number, string][]): string => lines(
  '---',
  '# Source: shop/templates/services.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  `  name: ${name}`,
  'spec:',
  '  selector:',
  `    app: ${app}`,
  '  ports:',
  ...ports.flatMap(([portName, port, target]) => [`    - name: ${portName}`, `      port: ${port}`, `      targetPort: ${target}`]),
);

// values: backends {api: htp, cart: http}, adminApp: admin, adminPort: htpp; Pod cart is labelled app=kart
const output = [
  service('admin', 'admin', [['web', 80, 'htpp'], ['admin', 8080, 'admn']]),
  service('api', 'api', [['web', 80, 'htp']]),
  service('cart', 'cart', [['web', 80, 'http']]),
  lines(
    '---',
    '# Source: shop/templates/workloads.yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: pod',
    '  labels: {app: api}',
    'spec:',
    '  containers:',
    '    - name: web',
    '      ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]',
    '---',
    '# Source: shop/templates/workloads.yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: cart',
    '  labels: {app: kart}',
    'spec:',
    '  containers:',
    '    - name: web',
    '      ports: [{name: http, containerPort: 8080}]',
    '---',
    '# Source: shop/templates/workloads.yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: admin',
    '  labels: {app: admin}',
    'spec:',
    '  containers:',
    '    - name: web',
    '      ports: [{name: http, containerPort: 8080}]',
  ),
].join('\n');

describe('Helm findings on template lines', () => {
  const { groups } = splitHelmOutput(output);
  const rendered = groups.map((group) => readManifestFile(group.source.replace(/^shop\//, ''), group.text, defaultSettings));
  const model = modelOf({});
  for (const entry of rendered) model.setParsedFile(entry);
  const templateEntry = readManifestFile('templates/services.yaml', template, defaultSettings);
  const sources = new Map<string, HelmRenderedFile>([['templates/services.yaml', { entry: rendered[0], template: templateEntry }]]);
  const raw = lintFiles(model, undefined, { fixes: false, wholeCluster: true }).findings;
  const mapped = mapHelmFindings(raw, sources);
  const place = (ruleId: string): string[] => mapped.filter((finding) => finding.ruleId === ruleId && finding.file === 'templates/services.yaml').map((finding) => {
    const line = template.slice(0, finding.span.start).split('\n').length;
    return `${line} ${template.slice(finding.span.start, finding.span.end)}${/\(rendered by helm: [^)]*\)$/.exec(finding.message)?.[0].replace(/^/, ' ') ?? ''}`;
  }).sort();

  it('puts a value written literally on its line, a value from the range on the range\'s line, and one from .Values in the document that writes the object\'s name', () => {
    assert.deepEqual(place('service-target-port-not-found'), [
      '12 {{ $port }} (rendered by helm: spec.ports[0].targetPort is "htp")',
      '25 {{ .Values.adminPort }} (rendered by helm: spec.ports[0].targetPort is "htpp", from .Values.adminPort)',
      '28 admn',
    ]);
  });

  it('puts a selector made in a range on the range\'s line of the key', () => {
    assert.deepEqual(place('service-selector-matches-nothing'), ['8 selector (rendered by helm: spec.selector is {app: cart})']);
  });

  it('names the values file line that sets a value, the last file that sets it winning, only when it sets the rendered value', () => {
    const values = (...texts: string[]): string[] => mapHelmFindings(raw, sources, { files: texts.map((text, index) => readManifestFile(`values-${index}.yaml`, text, defaultSettings)), display: (file) => file })
      .filter((finding) => finding.ruleId === 'service-target-port-not-found' && /\.adminPort/.test(finding.message))
      .map((finding) => `${/from \.Values\.adminPort[^)]*/.exec(finding.message)?.[0]} ${finding.related.filter((location) => location.file.startsWith('values-')).map((location) => `${location.file} ${location.message}`).join()}`);
    assert.deepEqual(values('adminApp: admin\nadminPort: htpp\n'), ['from .Values.adminPort set in values-0.yaml:2 values-0.yaml .Values.adminPort is set here']);
    assert.deepEqual(values('adminPort: htpp\n', '# prod\nadminPort: htpp\n'), ['from .Values.adminPort set in values-1.yaml:2 values-1.yaml .Values.adminPort is set here']);
    assert.deepEqual(values('adminPort: htpp\n', 'adminPort: http\n'), ['from .Values.adminPort ']);
  });

  it('leaves findings on files it has no template for as they are', () => {
    const pod = readManifestFile('templates/other.yaml', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: x\n', defaultSettings);
    const finding = { ruleId: 'r', messageId: 'm', severity: 'info' as const, message: 'm', file: pod.file, span: { start: 0, end: 1 }, related: [], fixes: [] };
    assert.deepEqual(mapHelmFindings([finding], sources), [finding]);
  });
});
