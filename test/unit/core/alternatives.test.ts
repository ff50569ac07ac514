import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { resolveFrom } from '../../../server/src/core/dns/index';
import { fileDistance, nearest } from '../../../server/src/core/model/alternatives';
import { hoverAt } from '../../../server/src/service/hover';
import { modelOf, modelOfFolder } from '../../helpers/modelFrom';
import { fixturesRoot } from '../../helpers/paths';

const bundles = path.join(fixturesRoot, 'repositories', 'provider-bundles', 'deploy', 'static', 'provider');

describe('alternatives: the same object in several files', () => {
  it('prefers the file itself, then its folder, then up the tree', () => {
    assert.equal(fileDistance('a/b/x.yaml', 'a/b/x.yaml'), 0);
    assert.equal(fileDistance('a/b/x.yaml', 'a/b/y.yaml'), 1);
    assert.equal(fileDistance('a/b/x.yaml', 'a/c/y.yaml'), 3);
    assert.deepEqual(nearest('a/b/x.yaml', ['a/c/y.yaml', 'a/b/y.yaml', 'a/b/z.yaml'], (file) => file), ['a/b/y.yaml', 'a/b/z.yaml']);
  });

  it('answers queries seen from a file with the copies nearest it, and every copy without a viewpoint', () => {
    const model = modelOfFolder(bundles);
    const all = model.services().filter((service) => service.name === 'ingress-nginx-controller');
    assert.equal(all.length, 3);
    const aws = path.join(bundles, 'aws', 'deploy.yaml');
    const seen = model.seenFrom(aws, () => model.services().filter((service) => service.name === 'ingress-nginx-controller'));
    assert.deepEqual(seen.map((service) => service.object.file), [aws]);
    assert.equal(model.seenFrom(aws, () => model.service('ingress-nginx', 'ingress-nginx-controller'))!.object.file, aws);
    // each copy's endpoints are the Pods of its own bundle; the cloud copy's selector has a planted typo
    for (const service of all) {
      const owners = model.backendsOf(service).endpoints.map((endpoint) => endpoint.source.file);
      assert.deepEqual([...new Set(owners)], service.object.file.includes(`${path.sep}cloud${path.sep}`) ? [] : [service.object.file]);
    }
  });

  it('hovers show the Services of the bundle the cursor is in, not every copy', () => {
    const model = modelOfFolder(bundles);
    const file = path.join(bundles, 'baremetal', 'deploy.yaml');
    const text = model.file(file)!.text;
    const offset = text.indexOf('name: ingress-nginx-controller\n  namespace: ingress-nginx\nspec:\n  selector:\n    matchLabels') + 'name: '.length;
    const hover = hoverAt(model, file, offset)!.contents as { value: string };
    assert.match(hover.value, /Selected by Service `ingress-nginx-controller`, Service `ingress-nginx-controller-admission`$/);
  });

  it('a lookup from a Pod answers with the Service of its own copy', () => {
    const service = (ip: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: ${ip}\n  ports: [{port: 5432}]\n`;
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec:\n  containers: [{name: c, image: c}]\n';
    const model = modelOf({ 'staging/all.yaml': service('10.96.0.50') + '---\n' + pod, 'prod/all.yaml': service('10.96.0.60') + '---\n' + pod });
    for (const [file, ip] of [['staging/all.yaml', '10.96.0.50'], ['prod/all.yaml', '10.96.0.60']]) {
      const client = model.podsOf(model.file(file)!.objects[1])[0];
      const answer = resolveFrom(model, { pod: client }, 'db', 'A');
      assert.deepEqual(answer.answers.map((record) => record.data), [ip], file);
    }
  });
});
