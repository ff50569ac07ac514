import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath, repoRoot } from '../helpers/paths';

/**
 * Real-world manifests nobody here wrote (kubernetes/examples and GoogleCloudPlatform/microservices-demo,
 * see ../shared/corpus/README.md), kept outside the repository. KUBE_LOOKUP_CORPUS points elsewhere
 * (a git worktree sits one folder deeper than the main checkout).
 */
const corpus = process.env.KUBE_LOOKUP_CORPUS ?? path.join(repoRoot, '..', 'shared', 'corpus');
const skip = fs.existsSync(corpus) ? false : `no corpus at ${corpus} (set KUBE_LOOKUP_CORPUS to run these tests)`;

interface JsonReport {
  files: number;
  objects: number;
  findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number }[];
}

function lint(target: string): { code: number | null; report: JsonReport; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, 'lint', target, '--format', 'json'], { cwd: corpus, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const HELM_TEMPLATES = ['adservice', 'cartservice', 'checkoutservice', 'common', 'currencyservice', 'emailservice', 'frontend', 'loadgenerator', 'opentelemetry-collector', 'paymentservice', 'productcatalogservice', 'recommendationservice', 'shippingservice'];

describe('the real-world corpus', { skip }, () => {
  it('gives exactly the expected findings over the whole corpus, each a real problem', () => {
    const { code, report, stderr } = lint('.');
    assert.doesNotMatch(stderr, /rule .* failed/);
    assert.equal(code, 1);
    assert.ok(report.files > 300 && report.objects > 400, `${report.files} files, ${report.objects} objects`);
    // whether a kustomize or kubectl on PATH built the kustomizations is rendering.test.ts's matter
    const found = report.findings.filter((finding) => finding.ruleId !== 'kustomize-not-rendered').map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`);
    assert.deepEqual(found, [
      // Helm chart templates are not YAML until rendered: skipped, said once per file.
      ...HELM_TEMPLATES.map((name) => `GoogleCloudPlatform+microservices-demo/helm-chart/templates/${name}.yaml:15:1 info templated-file`),
      // The same *-with-all-components overlays (below): deny-all selects the collector for Ingress and
      // no policy lets anything in, so each service that google-cloud-operations points at it
      // (COLLECTOR_SERVICE_ADDR=opentelemetrycollector:4317) can never send to it.
      ...[34, 54, 74, 96, 114, 134, 154].map((line) => `GoogleCloudPlatform+microservices-demo/kustomize/components/google-cloud-operations/kustomization.yaml:${line}:24 warning network-policy-blocks-callers`),
      // (google-cloud-operations/otel-collector.yaml is read: its `project: {{PROJECT_ID}}` stands inside
      // a ConfigMap's block scalar, a config template filled in by sed at run time, so it is text.)
      // The *-with-all-components test overlays combine the network-policies component (deny-all:
      // Ingress and Egress for every Pod, then one allow-all policy per application) with
      // google-cloud-operations, whose OpenTelemetry collector no policy allows out: its egress,
      // DNS included (the init container asks for metadata.google.internal), is denied.
      'GoogleCloudPlatform+microservices-demo/kustomize/components/google-cloud-operations/otel-collector.yaml:29:5 error network-policy-blocks-dns',
      // `config: {{config_data}}`: templates by name and by content.
      'kubernetes+examples/_archived/newrelic-infrastructure/newrelic-config-template.yaml:7:11 info templated-file',
      'kubernetes+examples/_archived/newrelic/newrelic-config-template.yaml:7:11 info templated-file',
      // Each of these writes a key twice (spec.selector, type, storageClassName): kubectl rejects them.
      // `git clone https://github.com/…` from a ClusterFirst Pod: github.com walks the three search domains first.
      'kubernetes+examples/_archived/nodesjs-mongodb/web-controller-demo.yaml:19:47 hint external-host-search-walk',
      'kubernetes+examples/_archived/openshift-origin/etcd-controller.yaml:12:3 error yaml-syntax',
      'kubernetes+examples/_archived/openshift-origin/etcd-discovery-controller.yaml:12:3 error yaml-syntax',
      'kubernetes+examples/_archived/openshift-origin/openshift-controller.yaml:12:3 error yaml-syntax',
      'kubernetes+examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml:9:1 error yaml-syntax',
      // Hand-written v1 Endpoints (for GlusterFS volumes): deprecated since 1.33, an info with a conversion.
      'kubernetes+examples/_archived/spark/spark-gluster/glusterfs-endpoints.yaml:1:7 info endpoints-deprecated',
      // Vitess manifests with `{{cell}}` placeholders, rendered by the example's scripts: templated where
      // an action stands for a whole value (`replicas: {{replicas}}`, `cell: {{cell}}`). Where every
      // action sits inside a scalar (`name: vttablet-{{uid}}`, shell scripts in block scalars) the
      // objects are read and the placeholder values are left alone.
      'kubernetes+examples/_archived/storage/vitess/etcd-controller-template.yaml:6:13 info templated-file',
      'kubernetes+examples/_archived/storage/vitess/etcd-service-template.yaml:7:11 info templated-file',
      'kubernetes+examples/_archived/storage/vitess/vtgate-controller-template.yaml:6:13 info templated-file',
      // targetPort 80, but the ghost container listens on 2368 (its hostPort 80 does not apply to
      // Service traffic, which goes to the Pod IP): a real bug, as a hint since declaring ports is optional.
      'kubernetes+examples/_archived/volumes/flocker/flocker-pod-with-rc.yml:11:17 hint service-target-port-undeclared',
      'kubernetes+examples/_archived/volumes/glusterfs/glusterfs-endpoints.yaml:2:7 info endpoints-deprecated',
      'kubernetes+examples/_archived/volumes/scaleio/sc-pvc.yaml:12:3 error yaml-syntax',
      // Seeds cassandra-0.cassandra through a headless Service that publishes only Ready Pods, with a
      // readinessProbe: the bootstrap advisory (an info).
      'kubernetes+examples/databases/cassandra/cassandra-statefulset.yaml:8:16 info statefulset-peers-not-ready',
    ]);
    // The only warnings are the collector's unreachable callers; the only errors the duplicate keys and the collector's blocked DNS.
    assert.deepEqual([...new Set(report.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map((finding) => finding.ruleId))], ['network-policy-blocks-callers', 'network-policy-blocks-dns', 'yaml-syntax']);
  });

  it('finds nothing in the applications linted one at a time', () => {
    // Linted alone, each application is its own cluster: no look-alike app next door can help or hurt.
    const clean = [
      'GoogleCloudPlatform+microservices-demo/kubernetes-manifests',
      'GoogleCloudPlatform+microservices-demo/release',
      'GoogleCloudPlatform+microservices-demo/kustomize/base',
      'kubernetes+examples/web/guestbook',
      'kubernetes+examples/web/guestbook-go',
      'kubernetes+examples/databases/cassandra',
      'kubernetes+examples/_archived/cockroachdb',
      'kubernetes+examples/_archived/elasticsearch',
      'kubernetes+examples/_archived/storage/minio',
      'kubernetes+examples/_archived/volumes/vsphere',
    ];
    for (const folder of clean) {
      const { code, report } = lint(folder);
      // (whether a kustomize or kubectl on PATH built the kustomizations is rendering.test.ts's matter)
      // (the bootstrap advisory on the cassandra sample is pinned in the test above)
      const findings = report.findings.filter((finding) => finding.ruleId !== 'kustomize-not-rendered' && !(folder === 'kubernetes+examples/databases/cassandra' && finding.ruleId === 'statefulset-peers-not-ready'));
      assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}: ${finding.message}`), [], folder);
      assert.equal(code, 0, folder);
      assert.ok(report.objects > 0, `${folder} has objects`);
    }
  });
});
