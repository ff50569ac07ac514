import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { mergeSameSpanFindings } from '../../../server/src/core/rules/sameSpanFindings';
import type { Finding } from '../../../server/src/core/rules/types';
import { lines, modelOf } from '../../helpers/modelFrom';

function finding(ruleId: string, start: number, message: string): Finding {
  return { ruleId, messageId: 'm', severity: 'warning', message, file: 'a.yaml', span: { start, end: start + 3 }, related: [], fixes: [] };
}

describe('findings on the same span', () => {
  it('are one finding when one rule rejects a value for two reasons, the reasons listed as the API lists them', () => {
    const text = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  ports:', '  - port: 80', '    targetPort: a_1234567890123456789');
    const { findings } = lintFiles(modelOf({ 'svc.yaml': text }));
    assert.deepEqual(
      findings.map((item) => [item.ruleId, text.slice(item.span.start, item.span.end), item.message]),
      [['service-port-invalid', 'a_1234567890123456789', 'spec.ports[0].targetPort: Invalid value: "a_1234567890123456789": must be no more than 15 characters; must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    );
  });

  it('merge only the same rule on the same span, keep the order, and say a repeated message once', () => {
    const findings = [finding('other', 0, 'before'), finding('a', 5, 'First.'), finding('b', 5, 'Other rule.'), finding('a', 5, 'First.'), finding('a', 6, 'Shifted.'), finding('a', 5, 'Second.')];
    mergeSameSpanFindings(findings, 1);
    assert.deepEqual(findings.map((item) => `${item.ruleId}@${item.span.start} ${item.message}`), ['other@0 before', 'a@5 First. Second.', 'b@5 Other rule.', 'a@6 Shifted.']);
  });
});
