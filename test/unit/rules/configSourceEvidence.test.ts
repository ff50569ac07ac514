import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';

const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: {name: chap-secret}\nstringData: {user: example}\n';
const POD = (secret: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: model}\nspec:\n  containers:\n  - name: model\n    image: model\n    env:\n    - name: TOKEN\n      valueFrom:\n        secretKeyRef: {name: ${secret}, key: token}\n`;

function secretFindings(files: Record<string, string>): string[] {
  return lintFiles(modelOf(files)).findings.filter((finding) => finding.ruleId === 'secret-not-found').map((finding) => `${finding.file}: ${finding.message}`);
}

describe('which missing Secrets and ConfigMaps are evident', () => {
  it('a name far from every declared one is judged only when one is declared in the same folder', () => {
    // examples side by side, each creating its Secret with kubectl: not judged
    assert.deepEqual(secretFindings({ '/w/chap/secret.yaml': SECRET, '/w/vllm/deployment.yaml': POD('hf-secret') }), []);
    assert.equal(secretFindings({ '/w/app/secret.yaml': SECRET, '/w/app/deployment.yaml': POD('hf-secret') }).length, 1);
  });

  it('a name two edits from a declared one is judged wherever it is declared, and three edits is not near', () => {
    assert.equal(secretFindings({ '/w/chap/secret.yaml': SECRET, '/w/app/deployment.yaml': POD('chap-secrt') }).length, 1);
    assert.deepEqual(secretFindings({ '/w/chap/secret.yaml': SECRET, '/w/app/deployment.yaml': POD('hf-secret') }), []);
  });
});
