import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Fix } from '../../../server/src/core/rules/types';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import type { AnalysisSettings } from '../../../server/src/core/settings';
import { lines, modelOf } from '../../helpers/modelFrom';

/** The findings of one rule on one inline file. */
function findingsOf(ruleId: string, text: string, settings: Partial<AnalysisSettings> = {}): Finding[] {
  const { findings, failures } = lintFiles(modelOf({ 'a.yaml': text }, settings));
  assert.deepEqual(failures, []);
  return findings.filter((finding) => finding.ruleId === ruleId);
}

function messagesOf(ruleId: string, text: string, settings: Partial<AnalysisSettings> = {}): string[] {
  return findingsOf(ruleId, text, settings).map((finding) => finding.message);
}

function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  return edits.reduce((result, edit) => result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end), text);
}

const service = (...spec: string[]): string => lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector: {app: web}', ...spec);

describe('rules for what the API server rejects: messages in its own words', () => {
  it('object-name-invalid', () => {
    assert.deepEqual(messagesOf('object-name-invalid', lines('apiVersion: v1', 'kind: Service', 'metadata: {name: myService}', 'spec: {ports: [{port: 80}]}')), [
      `metadata.name: Invalid value: "myService": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('pod-hostname-invalid, with the path of a template', () => {
    const text = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}', '    spec:', '      subdomain: headless.default', '      containers: [{name: web, image: nginx}]');
    assert.deepEqual(messagesOf('pod-hostname-invalid', text), ['spec.template.spec.subdomain: Invalid value: "headless.default": must not contain dots']);
  });

  it('service-port-invalid', () => {
    assert.deepEqual(messagesOf('service-port-invalid', service()), ['spec.ports: Required value']);
    assert.deepEqual(
      messagesOf('service-port-invalid', service('  ports:', '  - name: a', '    port: 0', '    protocol: tcp', '    targetPort: "8080"', '  - name: b', '    port: 80', '  - name: c', '    port: 80', '    protocol: TCP')),
      [
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
        'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
        'spec.ports[2]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
      ],
    );
  });

  it('service-port-name-invalid', () => {
    assert.deepEqual(messagesOf('service-port-name-invalid', service('  ports:', '  - port: 80', '  - name: http', '    port: 81', '  - name: http', '    port: 82')), [
      'spec.ports[0].name: Required value',
      'spec.ports[2].name: Duplicate value: "http"',
    ]);
  });

  it('service-node-port-invalid, with the configured range', () => {
    assert.deepEqual(messagesOf('service-node-port-invalid', service('  ports:', '  - port: 80', '    nodePort: 30080')), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
    const nodePort = service('  type: NodePort', '  ports:', '  - {name: a, port: 80, nodePort: 31000}', '  - {name: b, port: 81, nodePort: 31000}');
    assert.deepEqual(messagesOf('service-node-port-invalid', nodePort), ['spec.ports[1].nodePort: Duplicate value: 31000']);
    assert.deepEqual(messagesOf('service-node-port-invalid', nodePort, { nodePortRange: '20000-22767' }), [
      'spec.ports[0].nodePort: Invalid value: 31000: provided port is not in the valid range. The range of valid ports is 20000-22767',
      // two errors on one token: one finding that lists both
      'spec.ports[1].nodePort: Invalid value: 31000: provided port is not in the valid range. The range of valid ports is 20000-22767; Duplicate value: 31000',
    ]);
  });

  it('service-cluster-ip-forbidden', () => {
    assert.deepEqual(messagesOf('service-cluster-ip-forbidden', service('  type: LoadBalancer', '  clusterIP: None', '  ports: [{port: 80}]')), [
      `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`,
    ]);
    assert.deepEqual(messagesOf('service-cluster-ip-forbidden', service('  type: ExternalName', '  externalName: db.example.com', '  clusterIP: None')), [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    ]);
  });

  it('service-external-name-invalid', () => {
    assert.deepEqual(messagesOf('service-external-name-invalid', service('  type: ExternalName')), ['spec.externalName: Required value']);
    assert.deepEqual(messagesOf('service-external-name-invalid', service('  type: ExternalName', '  externalName: DB.example.com.')), [
      `spec.externalName: Invalid value: "DB.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('service-type-unsupported', () => {
    assert.deepEqual(messagesOf('service-type-unsupported', service('  type: Headless', '  ports: [{port: 80}]')), [
      'spec.type: Unsupported value: "Headless": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('workload-selector-mismatch', () => {
    const deployment = (...spec: string[]): string => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', ...spec, '  template:', '    metadata: {labels: {app: frontend, tier: web}}', '    spec: {containers: [{name: web, image: nginx}]}');
    assert.deepEqual(messagesOf('workload-selector-mismatch', deployment('  selector: {matchLabels: {app: web}}')), [
      'spec.template.metadata.labels: Invalid value: {"app":"frontend","tier":"web"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(messagesOf('workload-selector-mismatch', deployment()), ['spec.selector: Required value']);
    assert.deepEqual(messagesOf('workload-selector-mismatch', deployment('  selector: {matchExpressions: [{key: app, operator: In, values: [frontend]}]}')), []);
    // An unknown operator is rejected for another reason; this rule does not guess.
    assert.deepEqual(messagesOf('workload-selector-mismatch', deployment('  selector: {matchExpressions: [{key: app, operator: Is, values: [web]}]}')), []);
  });

  it('pod-dns-config-invalid', () => {
    const pod = (...spec: string[]): string => lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec, '  containers: [{name: app, image: busybox}]');
    assert.deepEqual(messagesOf('pod-dns-config-invalid', pod('  dnsPolicy: clusterfirst')), [
      'spec.dnsPolicy: Unsupported value: "clusterfirst": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
    assert.deepEqual(messagesOf('pod-dns-config-invalid', pod('  dnsPolicy: None')), ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
    assert.deepEqual(messagesOf('pod-dns-config-invalid', pod('  dnsPolicy: None', '  dnsConfig: {nameservers: []}')), [
      'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
    ]);
    assert.deepEqual(messagesOf('pod-dns-config-invalid', pod('  dnsConfig: {nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 1.0.0.1]}')), [
      'spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","8.8.8.8","9.9.9.9","1.0.0.1"]: must not have more than 3 nameservers',
    ]);
    const long = Array.from({ length: 9 }, (_, index) => `${'d'.repeat(220)}${index}.example`);
    assert.deepEqual(messagesOf('pod-dns-config-invalid', pod(`  dnsConfig: {searches: [${long.join(', ')}]}`)).map((message) => message.replace(/\[.*\]/, '[…]')), [
      'spec.dnsConfig.searches: Invalid value: […]: must not have more than 2048 characters (including spaces) in the search list',
    ]);
  });
});

describe('rules for what the API server rejects: shapes that fail to decode', () => {
  it('reports nothing and never throws when a field has the wrong type (the API fails to decode those first)', () => {
    const documents = [
      lines('apiVersion: v1', 'kind: Service', 'metadata: {name: [a]}', 'spec: []'),
      lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {selector: {app: web}, type: 3, ports: [{port: "80"}]}'),
      lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {selector: {app: web}, ports: [80, {port: 81}]}'),
      lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {selector: {app: web}, ports: {port: 80}}'),
      lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {type: ExternalName, externalName: [a.b]}'),
      lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {hostname: 7, dnsPolicy: None, dnsConfig: "8.8.8.8", containers: []}'),
      lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {dnsConfig: {nameservers: 8.8.8.8, searches: {a: b}}, containers: []}'),
      lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec: {selector: app=web, template: {metadata: {labels: {app: web}}}}'),
      lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: [app]}}}'),
      lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec: {selector: {matchLabels: {app: web}}, template: []}'),
    ];
    const ours = new Set(['object-name-invalid', 'pod-dns-config-invalid', 'pod-hostname-invalid', 'service-cluster-ip-forbidden', 'service-external-name-invalid', 'service-node-port-invalid', 'service-port-invalid', 'service-port-name-invalid', 'service-type-unsupported', 'workload-selector-mismatch']);
    for (const text of documents) {
      const { findings, failures } = lintFiles(modelOf({ 'a.yaml': text }));
      assert.deepEqual(failures, [], text);
      assert.deepEqual(findings.filter((finding) => ours.has(finding.ruleId)).map((finding) => finding.message), [], text);
    }
  });
});

describe('rules for what the API server rejects: quick fixes', () => {
  it('upper-cases a protocol', () => {
    const text = service('  ports:', '  - port: 53', '    protocol: udp');
    const [finding] = findingsOf('service-port-invalid', text);
    assert.equal(applyFix(text, finding.fixes[0]), service('  ports:', '  - port: 53', '    protocol: UDP'));
  });

  it('offers no protocol fix when upper case is not a protocol either', () => {
    assert.deepEqual(findingsOf('service-port-invalid', service('  ports:', '  - port: 80', '    protocol: HTTP'))[0].fixes, []);
  });

  it('removes clusterIP: None from an ExternalName Service, comment and all', () => {
    const text = service('  type: ExternalName', '  clusterIP: None   # headless, I thought', '  externalName: github.github.io');
    const [finding] = findingsOf('service-cluster-ip-forbidden', text);
    assert.equal(finding.fixes[0].title, 'Remove clusterIP: None from the ExternalName Service');
    assert.equal(applyFix(text, finding.fixes[0]), service('  type: ExternalName', '  externalName: github.github.io'));
  });

  it('offers no removal when clusterIP shares its line or is a real address', () => {
    const flow = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {type: ExternalName, clusterIP: None, externalName: a.b}');
    assert.deepEqual(findingsOf('service-cluster-ip-forbidden', flow).map((finding) => finding.fixes), [[]]);
    assert.deepEqual(findingsOf('service-cluster-ip-forbidden', service('  type: ExternalName', '  clusterIP: 10.96.0.9', '  externalName: a.b'))[0].fixes, []);
  });

  it('names unnamed ports of a Service with a selector, in block and flow style', () => {
    const text = service('  ports:', '  - port: 80', '    targetPort: 8080', '  - protocol: UDP', '    port: 514', '  - {port: 9090}');
    // Each fix was computed on the original text; applying them bottom-up keeps the spans valid.
    const bottomUp = findingsOf('service-port-name-invalid', text).reverse().reduce((result, finding) => applyFix(result, finding.fixes[0]), text);
    assert.equal(bottomUp, service('  ports:', '  - name: port-80', '    port: 80', '    targetPort: 8080', '  - protocol: UDP', '    name: port-514-udp', '    port: 514', '  - {name: port-9090, port: 9090}'));
  });

  it('fills in an empty port name rather than adding a second name key', () => {
    const text = service('  ports:', '  - name: ""', '    port: 80', '  - name: https', '    port: 443');
    const [finding] = findingsOf('service-port-name-invalid', text);
    assert.equal(applyFix(text, finding.fixes[0]), service('  ports:', '  - name: port-80', '    port: 80', '  - name: https', '    port: 443'));
  });

  it('does not name ports of a selector-less Service, whose Endpoints must repeat the names', () => {
    const text = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: db}', 'spec:', '  ports:', '  - port: 5432', '  - port: 5433');
    assert.deepEqual(findingsOf('service-port-name-invalid', text).map((finding) => finding.fixes), [[], []]);
  });

  it('corrects the case of a Service type and a dnsPolicy', () => {
    const text = service('  type: loadbalancer', '  ports: [{port: 80}]');
    assert.equal(applyFix(text, findingsOf('service-type-unsupported', text)[0].fixes[0]), service('  type: LoadBalancer', '  ports: [{port: 80}]'));
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  dnsPolicy: "default"', '  containers: [{name: a, image: b}]');
    assert.equal(applyFix(pod, findingsOf('pod-dns-config-invalid', pod)[0].fixes[0]), pod.replace('"default"', 'Default'));
  });
});
