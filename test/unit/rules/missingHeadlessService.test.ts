import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { lines, modelOf } from '../../helpers/modelFrom';

const headlessDb = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: db}', 'spec: {clusterIP: None, selector: {app: db}}');

function renameFix(file: string, text: string, ruleId: string) {
  const { findings } = lintFiles(modelOf({ 'svc.yaml': headlessDb, [file]: text }));
  const finding = findings.find((candidate) => candidate.ruleId === ruleId);
  assert.ok(finding, `no ${ruleId} finding`);
  const [edit] = finding.fixes[0].edits;
  return { messageId: finding.messageId, title: finding.fixes[0].title, replaced: text.slice(edit.span.start, edit.span.end), newText: edit.newText };
}

describe('a name that should be a headless Service', () => {
  it("offers the closest headless Service for a StatefulSet's serviceName", () => {
    const set = lines('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}', 'spec:', '  serviceName: dbb', '  selector: {matchLabels: {app: db}}', '  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}');
    assert.deepEqual(renameFix('set.yaml', set, 'statefulset-service-name'), { messageId: 'didYouMean', title: 'Change serviceName to "db"', replaced: 'dbb', newText: 'db' });
  });

  it("offers the closest headless Service for a Pod's subdomain", () => {
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: db-x, labels: {app: db}}', 'spec: {hostname: x, subdomain: bd, containers: [{name: c}]}');
    assert.deepEqual(renameFix('pod.yaml', pod, 'subdomain-without-headless-service'), { messageId: 'didYouMean', title: 'Change the subdomain to "db"', replaced: 'bd', newText: 'db' });
  });
});
