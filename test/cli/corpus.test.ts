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
    const found = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`);
    assert.deepEqual(found, [
      // Helm chart templates are not YAML until rendered: skipped, said once per file.
      ...HELM_TEMPLATES.map((name) => `GoogleCloudPlatform+microservices-demo/helm-chart/templates/${name}.yaml:15:1 info templated-file`),
      // The Service is for an exporter "MANUALLY installed" from a Helm chart (the file's own comment);
      // the monitoring namespace of this workspace has other Pods but none with that label, so the
      // Service really has no endpoints until that chart runs. One suppression comment silences it.
      'kubernetes+examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-generic.yaml:17:3 warning service-selector-matches-nothing',
      // Each of these writes a key twice (spec.selector, type, storageClassName): the YAML is invalid.
      // The Services selecting the openshift/etcd Deployments are not blamed on top of it.
      'kubernetes+examples/_archived/openshift-origin/etcd-controller.yaml:12:3 error yaml-syntax',
      'kubernetes+examples/_archived/openshift-origin/etcd-discovery-controller.yaml:12:3 error yaml-syntax',
      'kubernetes+examples/_archived/openshift-origin/openshift-controller.yaml:12:3 error yaml-syntax',
      'kubernetes+examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml:9:1 error yaml-syntax',
      // Hand-written v1 Endpoints (for GlusterFS volumes): deprecated since 1.33, an info with a conversion.
      'kubernetes+examples/_archived/spark/spark-gluster/glusterfs-endpoints.yaml:1:7 info endpoints-deprecated',
      // targetPort 80, but the ghost container listens on 2368 (its hostPort 80 does not apply to
      // Service traffic, which goes to the Pod IP): a real bug, as a hint since declaring ports is optional.
      'kubernetes+examples/_archived/volumes/flocker/flocker-pod-with-rc.yml:11:17 hint service-target-port-undeclared',
      'kubernetes+examples/_archived/volumes/glusterfs/glusterfs-endpoints.yaml:2:7 info endpoints-deprecated',
      'kubernetes+examples/_archived/volumes/scaleio/sc-pvc.yaml:12:3 error yaml-syntax',
    ]);
  });

  it('finds nothing in the applications linted one at a time', () => {
    // Linted alone, each application is its own cluster: no look-alike app next door can help or hurt.
    const clean = [
      'GoogleCloudPlatform+microservices-demo/kubernetes-manifests',
      'GoogleCloudPlatform+microservices-demo/release',
      'GoogleCloudPlatform+microservices-demo/kustomize',
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
      assert.deepEqual(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}: ${finding.message}`), [], folder);
      assert.equal(code, 0, folder);
      assert.ok(report.objects > 0, `${folder} has objects`);
    }
  });
});
