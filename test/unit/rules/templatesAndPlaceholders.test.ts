import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';
import { fixturesRoot } from '../../helpers/paths';

/**
 * Files reduced from real ones with template actions and placeholders in their values. Every
 * finding of every rule must be marked on its line with `# expect: <rule-id> "<flagged text>"`
 * (the text may hold quotes), and nothing else may be found: templates inside scalars are read,
 * placeholders are left alone, and the mistakes next to them are still reported.
 */
const folder = path.join(fixturesRoot, 'templates');
const EXPECT = /# expect: ([a-z0-9-]+) "(.*?)"(?= # expect:|\s*$)/g;

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? fixtureFiles(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

function expectations(text: string): string[] {
  return text.split('\n').flatMap((line, index) => [...line.matchAll(EXPECT)].map((match) => `${index + 1}: ${match[1]} ${match[2]}`)).sort();
}

describe('templates and placeholders in real-world shapes', () => {
  const files = fixtureFiles(folder);
  it('has the fixtures', () => assert.ok(files.length >= 8, `${files.length} fixtures`));
  for (const file of files) {
    it(`reports exactly the marked findings in ${path.relative(folder, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const model = modelOf({ [file]: text });
      const { findings, failures } = lintFiles(model);
      assert.deepEqual(failures, []);
      const actual = findings.map((finding) => `${text.slice(0, finding.span.start).split('\n').length}: ${finding.ruleId} ${text.slice(finding.span.start, finding.span.end)}`).sort();
      assert.deepEqual(actual, expectations(text));
    });
  }

  it('reads the objects of files whose actions all stand inside scalars', () => {
    const objects = (name: string): string[] => {
      const file = path.join(folder, name);
      return [...modelOf({ [file]: fs.readFileSync(file, 'utf8') }).files()].flatMap((entry) => entry.objects.map((object) => `${object.kind}/${object.name}`));
    };
    assert.deepEqual(objects('prometheus-rule.yaml'), ['PrometheusRule/node-exporter-rules', 'Service/node-exporter', 'DaemonSet/node-exporter']);
    assert.deepEqual(objects('grafana-dashboard.yaml'), ['ConfigMap/grafana-dashboard-apiserver', 'Service/grafana', 'Deployment/grafana']);
    assert.deepEqual(objects('alertmanager-templates.yaml'), ['ConfigMap/alertmanager-templates']);
    assert.deepEqual(objects('chat-template.yaml'), ['ConfigMap/llm-chat-templates']);
    assert.deepEqual(objects('applicationset.yaml'), ['ApplicationSet/guestbook']);
    assert.deepEqual(objects('helm-chart/templates/deployment.yaml'), []);
  });

  it('names the placeholder in the message of a YAML error it causes, and never says "port ?"', () => {
    const file = path.join(folder, 'brace-placeholder.yaml');
    const [finding] = lintFiles(modelOf({ [file]: fs.readFileSync(file, 'utf8') })).findings;
    assert.equal(finding.message, 'Unexpected scalar at node end: {SERVICE_NAME} looks like a placeholder, which YAML reads as a flow mapping; substitute it before linting, or quote the value.');
    const ports = path.join(folder, 'envsubst-ports.yaml');
    const messages = lintFiles(modelOf({ [ports]: fs.readFileSync(ports, 'utf8') })).findings.map((item) => item.message);
    assert.ok(messages.every((message) => !message.includes('port ?') && !message.includes('${VAR')), messages.join('\n'));
  });
});
