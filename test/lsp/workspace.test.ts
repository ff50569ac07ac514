import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/service/workspace';
import { lines } from '../helpers/modelFrom';

const folder = 'file:///repo';
const service = (name: string) => lines('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', '  clusterIP: None', '  selector: {app: db}');
const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: db-0', '  labels: {app: db}', 'spec:', '  hostname: db-0', '  subdomain: db', '  containers: [{name: c, image: db}]');
const configMap = (name: string) => lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`);

function loadedWorkspace(): Workspace {
  const workspace = new Workspace();
  workspace.setFolders([folder]);
  workspace.folderPartitions()[0].reconfigure({ analysis: defaultSettings, exclude: ['vendor/**'] });
  return workspace;
}

const codes = (workspace: Workspace, uri: string) => workspace.partitionOf(uri)!.findings(uri).map((finding) => finding.ruleId);

describe('a workspace folder keeps its findings in a LintSession', () => {
  it('loads files without linting them until the folder is linted whole', () => {
    const workspace = loadedWorkspace();
    const change = workspace.setFile(`${folder}/svc.yaml`, service('db'));
    assert.deepEqual(change.affected, [`${folder}/svc.yaml`]);
    assert.equal(change.partition.tracking, false);
    assert.deepEqual(change.partition.findings(`${folder}/svc.yaml`), []);
  });

  it('then re-lints the edited file and the files it affects, and only those', () => {
    const workspace = loadedWorkspace();
    workspace.setFile(`${folder}/svc.yaml`, service('db'));
    workspace.setFile(`${folder}/pod.yaml`, pod);
    workspace.setFile(`${folder}/cm.yaml`, configMap('settings'));
    const partition = workspace.folderPartitions()[0];
    // as the diagnostics scheduler lints a loaded folder whole
    partition.settle();
    partition.populate();
    partition.tracking = true;
    partition.lint(partition.fileUris());
    assert.deepEqual(codes(workspace, `${folder}/pod.yaml`), []);

    assert.deepEqual(workspace.setFile(`${folder}/svc.yaml`, service('dbx')).affected, [`${folder}/svc.yaml`, `${folder}/pod.yaml`]);
    assert.deepEqual(codes(workspace, `${folder}/pod.yaml`), ['subdomain-without-headless-service']);
    assert.deepEqual(workspace.setFile(`${folder}/cm.yaml`, configMap('other')).affected, [`${folder}/cm.yaml`]);

    // the Service moves to an excluded path: it leaves the model, and the Pod still has none
    assert.deepEqual(workspace.removeFile(`${folder}/svc.yaml`)?.affected, [`${folder}/pod.yaml`]);
    const excluded = workspace.setFile(`${folder}/vendor/svc.yaml`, service('db'));
    assert.deepEqual([excluded.excluded, excluded.affected], [true, []]);
    assert.deepEqual(codes(workspace, `${folder}/pod.yaml`), ['subdomain-without-headless-service']);
    // a new file no kustomization or chart claims joins the plain cluster at once, without discovery
    assert.deepEqual(workspace.setFile(`${folder}/svc.yaml`, service('db')).affected, [`${folder}/svc.yaml`, `${folder}/pod.yaml`]);
    assert.equal(partition.needsSettling, false);
    assert.deepEqual(codes(workspace, `${folder}/pod.yaml`), []);
  });

  it('discovers the clusters again when a kustomization comes, and follows it file by file', () => {
    const workspace = loadedWorkspace();
    const partition = workspace.folderPartitions()[0];
    workspace.setFile(`${folder}/base/svc.yaml`, service('db'));
    workspace.setFile(`${folder}/base/pod.yaml`, pod);
    partition.settle();
    partition.populate();
    partition.tracking = true;
    partition.lint(partition.fileUris());
    assert.deepEqual(partition.clusters().map((unit) => unit.name), ['plain']);
    // a kustomization naming only the Pod: the Service leaves, and the Pod's subdomain names nothing
    assert.deepEqual(workspace.setFile(`${folder}/base/kustomization.yaml`, 'resources: [pod.yaml]\n').affected, [`${folder}/base/kustomization.yaml`]);
    assert.equal(partition.needsSettling, true);
    const affected = partition.settle();
    // a new cluster: the scheduler fills and lints the folder again
    assert.equal(partition.tracking, false);
    assert.deepEqual(partition.clusters().map((unit) => [unit.name, [...unit.files()].length]), [['base', 2], ['plain', 1]]);
    assert.deepEqual(new Set(affected), new Set([`${folder}/base/pod.yaml`, `${folder}/base/kustomization.yaml`]));
    partition.populate();
    partition.tracking = true;
    partition.lint(partition.fileUris());
    assert.deepEqual(codes(workspace, `${folder}/base/pod.yaml`), ['subdomain-without-headless-service']);
    // the kustomization now names both: the plain cluster empties and goes, the Service joins base file by file
    workspace.setFile(`${folder}/base/kustomization.yaml`, 'resources: [pod.yaml, svc.yaml]\n');
    partition.settle();
    assert.equal(partition.tracking, true);
    assert.deepEqual(partition.clusters().map((unit) => unit.name), ['base']);
    assert.deepEqual(codes(workspace, `${folder}/base/pod.yaml`), []);
  });
});
