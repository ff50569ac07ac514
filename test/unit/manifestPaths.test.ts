import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isManifestName } from '../../server/src/files/manifestPaths';

describe('isManifestName', () => {
  it('takes YAML and JSON files', () => {
    for (const name of ['service.yaml', 'a/b/Deploy.YML', 'list.json', 'kustomization.yaml', 'file:///w/values.yaml']) assert.equal(isManifestName(name), true, name);
  });

  it('leaves out the known files of other tools, wherever they stand', () => {
    for (const name of ['package.json', 'web/package-lock.json', 'tsconfig.build.json', 'file:///w/.eslintrc.json', 'docker-compose.yml', 'compose.yaml', 'pnpm-lock.yaml', '.pre-commit-config.yaml', 'README.md']) {
      assert.equal(isManifestName(name), false, name);
    }
  });
});
