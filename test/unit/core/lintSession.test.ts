import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { LintSession } from '../../../server/src/core/rules/lintSession';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import type { Finding } from '../../../server/src/core/rules/types';
import { generateWorkspace, typo } from '../../bench/generateWorkspace';
import { lines } from '../../helpers/modelFrom';

/** What a finding says, for comparing two lints. */
function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => JSON.stringify([finding.file, finding.span, finding.ruleId, finding.message, finding.related, finding.fixes])).sort();
}

/** Everything the model derives, in order, with the allocated addresses. */
function derived(model: ClusterModel): unknown {
  return {
    services: model.services().map((service) => [service.namespace, service.name, service.clusterIPs, service.ports.map((port) => [port.nodePort, port.nodePortSimulated])]),
    pods: model.pods().map((pod) => [pod.namespace, pod.name, pod.ips, pod.ipSimulated, pod.hostname, pod.subdomain]),
    namespaces: model.namespaces(),
    backends: model.services().map((service) => model.backendsOf(service).endpoints.map((endpoint) => [endpoint.ip, endpoint.ready, endpoint.hostname])),
  };
}

/** A model built from scratch from the session model's current files, in the same order. */
function rebuilt(session: LintSession): ClusterModel {
  const fresh = new ClusterModel(session.model.settings);
  for (const entry of session.model.files()) fresh.setFile(entry.file, entry.text);
  return fresh;
}

describe('LintSession: incremental findings equal a full lint after every edit', () => {
  it('re-lints the files a cross-file rename affects, and only what it can affect', () => {
    const session = new LintSession(new ClusterModel());
    session.model.setFile('svc.yaml', lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: db', 'spec:', '  clusterIP: None', '  selector: {app: db}'));
    session.model.setFile('pod.yaml', lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  labels: {app: db}', 'spec:', '  hostname: a', '  subdomain: db'));
    session.model.setFile('other.yaml', lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c'));
    session.lintAll();
    assert.deepEqual(session.findings('pod.yaml'), []);
    const affected = session.setFile('svc.yaml', lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: dbx', 'spec:', '  clusterIP: None', '  selector: {app: db}'));
    assert.deepEqual(affected, ['svc.yaml', 'pod.yaml']);
    assert.deepEqual(session.findings('pod.yaml').map((finding) => finding.ruleId), ['subdomain-without-headless-service']);
    assert.deepEqual(session.setFile('other.yaml', lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: d')), ['other.yaml']);
  });

  it('re-checks a ConfigMap\'s hosts when a workload starts or stops reading it, and not when another workload of the namespace changes', () => {
    const configMap = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: settings, namespace: shop}', 'data: {CART_ADDR: "crat:80"}');
    const cart = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: cart, namespace: shop}', 'spec: {selector: {app: cart}, ports: [{port: 80}]}');
    // a reader whose resolver is the node's: it looks up nothing in the cluster, so the ConfigMap's host is not judged from it
    const reader = (reads: boolean) => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: front, namespace: shop}', 'spec:', '  selector: {matchLabels: {app: front}}', '  template:', '    metadata: {labels: {app: front}}', '    spec:', '      dnsPolicy: Default', '      containers:', '      - name: front', reads ? '        env: [{name: CART_ADDR, valueFrom: {configMapKeyRef: {name: settings, key: CART_ADDR}}}]' : '        env: [{name: OTHER, value: "1"}]');
    const other = (replicas: number) => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: other, namespace: shop}', 'spec:', `  replicas: ${replicas}`, '  selector: {matchLabels: {app: other}}', '  template:', '    metadata: {labels: {app: other}}', '    spec: {containers: [{name: other}]}');
    const session = new LintSession(new ClusterModel());
    session.model.setFile('cm.yaml', configMap);
    session.model.setFile('cart.yaml', cart);
    session.model.setFile('front.yaml', reader(false));
    session.model.setFile('other.yaml', other(1));
    session.lintAll();
    const hostFindings = () => session.findings('cm.yaml').map((finding) => finding.ruleId);
    // read by nobody: judged from the namespace, where "crat" is a typo of Service "cart"
    assert.deepEqual(hostFindings(), ['configured-host-not-found']);
    // another workload of the namespace changes: the ConfigMap does not depend on it
    assert.ok(!session.setFile('other.yaml', other(2)).includes('cm.yaml'));
    // the reader now resolves it through the node's resolver: not a cluster name, not judged
    assert.ok(session.setFile('front.yaml', reader(true)).includes('cm.yaml'));
    assert.deepEqual(hostFindings(), []);
    assert.deepEqual(summary(session.allFindings()), summary(lintFiles(rebuilt(session)).findings));
    // and back
    assert.ok(session.setFile('front.yaml', reader(false)).includes('cm.yaml'));
    assert.deepEqual(hostFindings(), ['configured-host-not-found']);
  });

  it('lints in steps, an object at a time: the same findings, and a change between steps that touches what was read makes the file stale again', () => {
    const service = (name: string): string => lines('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', '  clusterIP: None', '  selector: {app: db}');
    const pods = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  labels: {app: db}', 'spec:', '  hostname: a', '  subdomain: db', '---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: q', 'spec:', '  hostname: b', '  subdomain: dbx');
    const session = new LintSession(new ClusterModel());
    session.model.setFile('svc.yaml', service('db'));
    session.model.setFile('pods.yaml', pods);
    const steps = session.lintInSteps('pods.yaml');
    // the parse issues, then one object per step
    assert.deepEqual([steps.step(), steps.step()], [false, false]);
    // between steps: the Service the first Pod's subdomain named is renamed
    assert.deepEqual(session.changeFile('svc.yaml', service('dbx')), ['svc.yaml', 'pods.yaml']);
    // the second Pod, then the findings finished in a step of their own
    assert.deepEqual([steps.step(), steps.step()], [false, true]);
    session.lint(['pods.yaml']);
    const fresh = new LintSession(rebuilt(session));
    fresh.lintAll();
    assert.deepEqual(summary(session.findings('pods.yaml')), summary(fresh.findings('pods.yaml')));
    // a lint in steps of an unchanged model gives what a lint at once does
    const again = session.lintInSteps('pods.yaml');
    while (!again.step());
    assert.deepEqual(summary(session.findings('pods.yaml')), summary(fresh.findings('pods.yaml')));
    // the file itself changed: the lint in steps is abandoned, its findings left to the next lint
    const abandoned = session.lintInSteps('pods.yaml');
    session.changeFile('pods.yaml', service('other'));
    assert.equal(abandoned.step(), true);
    // a file over budget: one file-skipped finding
    session.skip('pods.yaml', 'File skipped: too slow.');
    assert.deepEqual(session.findings('pods.yaml').map((finding) => `${finding.ruleId} ${finding.message}`), ['file-skipped File skipped: too slow.']);
  });

  it('agrees with a lint from scratch over hundreds of random edits, removals and additions', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-session-'));
    try {
      const workspace = generateWorkspace(path.join(root, 'apps'), 40);
      const texts = new Map<string, string>();
      for (const app of workspace.apps) for (const file of app.files) texts.set(file, fs.readFileSync(path.join(workspace.root, file), 'utf8'));
      const session = new LintSession(new ClusterModel());
      for (const [file, text] of texts) session.model.setFile(file, text);
      session.lintAll();
      let state = 7;
      const next = (): number => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state / 4294967296;
      };
      const files = [...texts.keys()];
      const removed = new Set<string>();
      for (let step = 0; step < 300; step++) {
        const file = files[Math.floor(next() * files.length)];
        const app = workspace.apps.find((candidate) => file.startsWith(path.join(candidate.namespace, candidate.name) + path.sep))!;
        const current = session.model.file(file)?.text ?? texts.get(file)!;
        const choice = next();
        if (removed.has(file)) {
          session.setFile(file, texts.get(file)!);
          removed.delete(file);
        } else if (choice < 0.1) {
          session.removeFile(file);
          removed.add(file);
        } else if (choice < 0.4) {
          // rename what the file names after its app (Services, Endpoints, labels, subdomains)
          const renamed = current.includes(`: ${app.name}\n`) ? current.split(`: ${app.name}\n`).join(`: ${typo(app.name)}\n`) : current.split(`: ${typo(app.name)}\n`).join(`: ${app.name}\n`);
          session.setFile(file, renamed);
        } else if (choice < 0.55) {
          session.setFile(file, current.replace(/namespace: team-\d+/g, `namespace: team-00${Math.floor(next() * 3)}`));
        } else if (choice < 0.7) {
          session.setFile(file, `# edited ${step}\n${current}`);
        } else if (choice < 0.8) {
          session.setFile(file, current.replace('clusterIP: None', 'clusterIP: 10.96.0.99').replace('replicas: 1', 'replicas: 2'));
        } else if (choice < 0.9) {
          session.setFile(file, texts.get(file)!);
        } else {
          session.setFile(file, current.replace(/app: (\S+)/, 'app: shared'));
        }
        const fresh = rebuilt(session);
        assert.deepEqual(summary(session.allFindings()), summary(lintFiles(fresh).findings), `findings after step ${step} (${file})`);
        if (step % 10 === 0) assert.deepEqual(derived(session.model), derived(fresh), `model after step ${step}`);
      }
      assert.ok(session.allFindings().length > 0, 'the edits produced findings to compare');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
