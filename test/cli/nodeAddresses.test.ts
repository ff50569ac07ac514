import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { lines } from '../helpers/modelFrom';
import { cliPath } from '../helpers/paths';

// a DaemonSet runs one Pod per node; its headless Service answers with each Pod's address
const DAEMON_SET = lines(
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata:',
  '  name: agent',
  'spec:',
  '  selector:',
  '    matchLabels:',
  '      app: agent',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: agent',
  '    spec:',
  '      containers:',
  '      - name: agent',
  '        image: busybox',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: agent',
  'spec:',
  '  clusterIP: None',
  '  selector:',
  '    app: agent',
  '  ports:',
  '  - port: 80',
);

describe('the nodeAddresses setting, and its old name nodeIPs', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-nodes-'));
  fs.writeFileSync(path.join(folder, 'agent.yaml'), DAEMON_SET);
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** The addresses the headless Service answers with under a settings file. */
  const answers = (settings: string): string[] => {
    fs.writeFileSync(path.join(folder, '.kube-lookup.yaml'), settings);
    const run = spawnSync(process.execPath, [cliPath, 'records', 'agent.yaml', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const records = (JSON.parse(run.stdout) as { records: { name: string; type: string; data: string }[] }).records;
    return records.filter((record) => record.name === 'agent.default.svc.cluster.local.' && record.type === 'A').map((record) => record.data);
  };

  it('runs one Pod per node given as nodeAddresses', () => {
    assert.equal(answers('nodeAddresses: [10.1.0.1, 10.1.0.2]\n').length, 2);
    assert.equal(answers('').length, 1);
  });

  it('still reads nodeIPs, the old name, and lets nodeAddresses win when both are given', () => {
    assert.equal(answers('nodeIPs: [10.1.0.1, 10.1.0.2, 10.1.0.3]\n').length, 3);
    assert.equal(answers('nodeIPs: [10.1.0.1, 10.1.0.2, 10.1.0.3]\nnodeAddresses: [10.1.0.1, 10.1.0.2]\n').length, 2);
  });

  it('reads nodeIPs in a cluster\'s own settings too', () => {
    const settings = lines('clusters:', '- name: three-nodes', '  include: ["*.yaml"]', '  settings: {nodeIPs: [10.1.0.1, 10.1.0.2, 10.1.0.3]}');
    assert.equal(answers(settings).length, 3);
  });
});
