import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { isSuppressed, scanSuppressions } from '../../../server/src/core/rules/suppressions';
import { lines, modelOf } from '../../helpers/modelFrom';

const typo = (comment: string, fileComment = '') =>
  lines(
    fileComment,
    'apiVersion: v1', 'kind: Service', 'metadata: {name: database}', 'spec:', '  ports: [{port: 5432}]', '---',
    'apiVersion: v1', 'kind: Endpoints', 'metadata:',
    comment,
    '  name: databse',
    'subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 5432}]}]',
  );

function ruleIds(text: string): string[] {
  return lintFiles(modelOf({ 'a.yaml': text })).findings.map((finding) => finding.ruleId).sort();
}

describe('suppression comments', () => {
  it('parses next-line and file directives, with id lists and a reason', () => {
    const scanned = scanSuppressions(lines('a: 1 # kube-lookup-disable-next-line x, y -- known', '# kube-lookup-disable-next-line', 'b: 2', '# kube-lookup-disable-file z'));
    assert.equal(isSuppressed(scanned, 'x', 1), true);
    assert.equal(isSuppressed(scanned, 'y', 1), true);
    assert.equal(isSuppressed(scanned, 'known', 1), false);
    assert.equal(isSuppressed(scanned, 'x', 0), false);
    assert.equal(isSuppressed(scanned, 'anything', 2), true);
    assert.equal(isSuppressed(scanned, 'anything', 3), false);
    assert.equal(isSuppressed(scanned, 'z', 0), true);
    assert.equal(scanSuppressions('# kube-lookup-disable-filex\n').file instanceof Set, true, 'a longer word is not the directive');
    const commented = scanSuppressions('# kube-lookup-disable-file a # not an id\n');
    assert.equal(isSuppressed(commented, 'a', 5), true);
    assert.equal(isSuppressed(commented, 'not', 5), false);
  });

  it('drops the finding on the next line for the named rule only', () => {
    assert.deepEqual(ruleIds(typo('')), ['endpoints-deprecated', 'endpoints-without-service']);
    assert.deepEqual(ruleIds(typo('  # kube-lookup-disable-next-line endpoints-without-service')), ['endpoints-deprecated']);
    assert.deepEqual(ruleIds(typo('  # kube-lookup-disable-next-line service-selector-matches-nothing')), ['endpoints-deprecated', 'endpoints-without-service']);
    assert.deepEqual(ruleIds(typo('  # kube-lookup-disable-next-line')), ['endpoints-deprecated']);
  });

  it('drops findings of the whole file, for some rules or all', () => {
    assert.deepEqual(ruleIds(typo('', '# kube-lookup-disable-file endpoints-deprecated')), ['endpoints-without-service']);
    assert.deepEqual(ruleIds(typo('', '# kube-lookup-disable-file')), []);
  });

  it('applies to parser findings and leaves other files alone', () => {
    const broken = lines('apiVersion: v1', 'kind: Service', '# kube-lookup-disable-next-line yaml-syntax', 'metadata: {name: a, name: b}');
    const model = modelOf({ 'broken.yaml': broken, 'other.yaml': typo('') });
    assert.deepEqual(lintFiles(model).findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort(), ['other.yaml endpoints-deprecated', 'other.yaml endpoints-without-service']);
  });
});
