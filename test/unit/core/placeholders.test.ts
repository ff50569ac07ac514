import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bracePlaceholderIn, hasPlaceholder, holdsPlaceholder } from '../../../server/src/core/placeholders';

describe('placeholders', () => {
  it('recognises the substitution placeholders of envsubst, Kubernetes, kustomize, Helm, Argo CD and Jinja', () => {
    for (const value of ['etcd-{{cell}}', '{{ .Values.port }}', '{{path.basename}}-app', '{% if x %}a{% endif %}', '${SERVICE_NAME}', '${VAR:-9002}', '$(METRICS_PORT)', '$APP_NAME-web', '{NAME}', 'app-{NAME}']) {
      assert.equal(hasPlaceholder(value), true, value);
    }
    for (const value of ['web-$1', 'my-service', 'http', '9002', '', 'a{b', '{}', 'x }}']) assert.equal(hasPlaceholder(value), false, value);
  });

  it('takes a bare {NAME}, which YAML reads as a mapping with one key and no value, for a placeholder', () => {
    assert.equal(hasPlaceholder({ PORT: null }), true);
    assert.equal(hasPlaceholder({ app: 'web' }), false);
    assert.equal(hasPlaceholder({ A: null, B: null }), false);
    assert.equal(hasPlaceholder(8080), false);
    assert.equal(hasPlaceholder(null), false);
  });

  it('finds placeholders in the keys and values of labels and selectors', () => {
    assert.equal(holdsPlaceholder({ app: '${APP}' }), true);
    assert.equal(holdsPlaceholder({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['{{ .Values.tier }}'] }] }), true);
    assert.equal(holdsPlaceholder({ '${KEY}': 'x' }), true);
    assert.equal(holdsPlaceholder({ app: 'web', tier: 'db' }), false);
  });

  it('names the {NAME} of a line of YAML', () => {
    assert.equal(bracePlaceholderIn('  name: {NAME}-svc'), '{NAME}');
    assert.equal(bracePlaceholderIn('  - {ITEM} extra'), '{ITEM}');
    assert.equal(bracePlaceholderIn('  name: web'), undefined);
    assert.equal(bracePlaceholderIn('  labels: {app: web}'), undefined);
  });
});
