import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';
import { fixturesRoot } from '../../helpers/paths';

/**
 * The correct but unusual wirings that naive checks get wrong. Each file is linted alone with every
 * rule: nothing may be reported, except the deprecation note on v1 Endpoints.
 */
const folder = path.join(fixturesRoot, 'wiring', 'valid');

describe('tricky valid wiring', () => {
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yaml'));

  it('covers the cases the issue names', () => {
    assert.deepEqual(files.sort(), [
      'endpointslice-named-differently.yaml',
      'external-name-without-ports.yaml',
      'headless-service-without-ports.yaml',
      'named-target-port.yaml',
      'same-port-tcp-and-udp.yaml',
      'selectorless-service-with-endpoints.yaml',
      'statefulset-with-headless-service.yaml',
    ]);
  });

  for (const name of files) {
    it(`reports nothing for ${name}`, () => {
      const { findings, failures } = lintFiles(modelOf({ [name]: fs.readFileSync(path.join(folder, name), 'utf8') }));
      assert.deepEqual(failures, []);
      assert.deepEqual(findings.filter((finding) => finding.ruleId !== 'endpoints-deprecated').map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    });
  }
});
