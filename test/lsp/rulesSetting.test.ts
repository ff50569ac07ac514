import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/rules/index';
import { repoRoot } from '../helpers/paths';

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** `kubeLookup.rules` as the rule registry says it should be contributed: the Settings UI offers each rule id and each severity. */
function rulesSetting(): Record<string, unknown> {
  const ids = rules.map((rule) => rule.meta.id);
  return {
    type: 'object',
    propertyNames: { enum: ids },
    properties: Object.fromEntries(rules.map((rule) => [rule.meta.id, { type: 'string', enum: SEVERITIES, markdownDescription: `${rule.meta.description} (default \`${rule.meta.severity}\`)` }])),
    additionalProperties: { type: 'string', enum: SEVERITIES },
    default: {},
    scope: 'resource',
    markdownDescription: 'Severity per rule id (`error`, `warning`, `info`, `hint` or `off`), e.g. `{"templated-file": "off"}`.',
  };
}

describe('kubeLookup.rules in package.json', () => {
  it('offers every rule id of the registry and the severities (KUBE_LOOKUP_WRITE_MANIFEST=1 writes it)', () => {
    const file = path.join(repoRoot, 'package.json');
    const text = fs.readFileSync(file, 'utf8');
    const manifest = JSON.parse(text) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const wanted = rulesSetting();
    if (process.env.KUBE_LOOKUP_WRITE_MANIFEST === '1') {
      manifest.contributes.configuration.properties['kubeLookup.rules'] = wanted;
      fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
      return;
    }
    assert.deepEqual(manifest.contributes.configuration.properties['kubeLookup.rules'], wanted, 'run KUBE_LOOKUP_WRITE_MANIFEST=1 node --test out/test/lsp/rulesSetting.test.js after adding a rule');
  });
});
