import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { helmOnPath } from '../helpers/helmOnPath';
import { cliPath, fixturesRoot } from '../helpers/paths';

/**
 * Helm charts rendered by the CLI through `helm template`. Helm is not installable on the test
 * machines, so a stand-in `helm` on PATH (helpers/helmStandIn.ts) prints output captured in Helm
 * 3's format (fixtures/helm/captured/) and records the command line and environment it got.
 */
interface JsonFinding { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number; clusters: string[] }

const charts = path.join(fixturesRoot, 'helm', 'charts');
const captured = path.join(fixturesRoot, 'helm', 'captured', 'web-shop.txt');
const capturedShop = path.join(fixturesRoot, 'helm', 'captured', 'shop-shop.txt');

function lint(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): { findings: JsonFinding[]; objects: number; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, 'lint', '.', '--format', 'json', ...args], { cwd, env, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const report = JSON.parse(result.stdout) as { findings: JsonFinding[]; objects: number };
  return { ...report, stderr: result.stderr };
}

const at = (finding: JsonFinding): string => `${finding.file}:${finding.line}:${finding.column}-${finding.endColumn} ${finding.ruleId}`;

describe('Helm charts rendered with helm template (a stand-in helm on PATH)', () => {
  const helm = helmOnPath({ web: captured, shop: capturedShop });
  after(() => helm.remove());
  const { findings, objects } = lint(charts, { ...helm.env, HELM_REPOSITORY_CONFIG: '/home/someone/.config/helm/repositories.yaml', HELM_PLUGINS: '/home/someone/plugins', KUBECONFIG: '/home/someone/.kube/config' });
  const calls = helm.calls();

  it('runs helm template once per chart it can render, with the release, namespace and values files of .kube-lookup.yaml', () => {
    assert.deepEqual(calls.map((call) => call.argv), [
      // the chart's name and `default` where .kube-lookup.yaml says nothing; the subchart in a folder is a chart of its own too
      ['template', 'shop', path.join(charts, 'shop'), '--namespace', 'default'],
      ['template', 'db', path.join(charts, 'shop', 'charts', 'db'), '--namespace', 'default'],
      ['template', 'shop', path.join(charts, 'web'), '--namespace', 'shop', '-f', path.join(charts, 'web', 'ci', 'shop-values.yaml')],
    ]);
  });

  it('gives helm a temporary home of its own: no user repository, registry, plugin or cluster, no network', () => {
    const { env, pluginsFolder } = calls[2];
    const home = path.dirname(env.HELM_CONFIG_HOME);
    assert.match(path.basename(home), /^kube-lookup-helm-/);
    assert.deepEqual(
      { ...env },
      {
        HELM_CONFIG_HOME: path.join(home, 'config'),
        HELM_CACHE_HOME: path.join(home, 'cache'),
        HELM_DATA_HOME: path.join(home, 'data'),
        HELM_PLUGINS: path.join(home, 'plugins'),
        HELM_NO_PLUGINS: '1',
        HELM_REPOSITORY_CONFIG: path.join(home, 'config', 'repositories.yaml'),
        HELM_REPOSITORY_CACHE: path.join(home, 'cache', 'repository'),
        HELM_REGISTRY_CONFIG: path.join(home, 'config', 'registry', 'config.json'),
        KUBECONFIG: path.join(home, 'no-kubeconfig'),
        HTTP_PROXY: 'http://127.0.0.1:9',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        http_proxy: 'http://127.0.0.1:9',
        https_proxy: 'http://127.0.0.1:9',
        NO_PROXY: '',
        no_proxy: '',
      },
    );
    assert.deepEqual(pluginsFolder, [], 'the plugins folder helm sees is empty');
    assert.equal(fs.existsSync(home), false, 'the temporary home is removed after the run');
  });

  it('reports a targetPort from a values file on the template line, with the rendered value and the values file line that sets it', () => {
    const [typo] = findings.filter((finding) => finding.ruleId === 'service-target-port-not-found' && finding.file.startsWith('web/'));
    assert.equal(at(typo), 'web/templates/service.yaml:11:19-51 service-target-port-not-found');
    assert.equal(typo.severity, 'error');
    assert.match(typo.message, /^targetPort "htpp" matches no TCP container port named "htpp" in Deployment "shop-web"; did you mean "http"\?/);
    // the release's values file, given with -f, sets it over the chart's values.yaml (which says http)
    assert.match(typo.message, /\(rendered by helm: spec\.ports\[0\]\.targetPort is "htpp", from \.Values\.service\.targetPort set in web\/ci\/shop-values\.yaml:5\)$/);
  });

  it('reports a selector written literally in a template at its line, in the release namespace', () => {
    const [selector] = findings.filter((finding) => finding.ruleId === 'service-selector-matches-nothing' && finding.file.startsWith('web/'));
    assert.equal(at(selector), 'web/templates/metrics-service.yaml:12:3-11 service-selector-matches-nothing');
    assert.match(selector.message, /^selector app\.kubernetes\.io\/name=web,component=sever matches no Pod in namespace "shop"; did you mean .*component=server/);
    assert.doesNotMatch(selector.message, /rendered by helm/, 'the value is the one written there');
  });

  it('says why the charts it cannot render are not, once each, and nothing per template', () => {
    const notes = findings.filter((finding) => finding.ruleId === 'helm-not-rendered' || finding.ruleId === 'templated-file');
    assert.deepEqual(notes.map((finding) => `${at(finding)} ${finding.message}`), [
      'api/Chart.yaml:2:7-10 helm-not-rendered Not rendered: dependency "redis" is not in the chart\'s charts/ folder, and kube-lookup does not fetch over the network; run `helm dependency build` first.',
      'common/Chart.yaml:2:7-13 helm-not-rendered Not rendered: a library chart renders no objects of its own; it is checked where a chart that uses it is rendered.',
    ]);
  });

  it('reports a subchart\'s objects on its templates, and those of a subchart in an archive on its rendered text', () => {
    const subcharts = findings.filter((finding) => finding.file.startsWith('shop/'));
    assert.deepEqual(subcharts.map((finding) => `${at(finding)} ${finding.clusters.join()}`), [
      // shop/charts/cache-1.0.0.tgz is not read: the line is that of the rendered document, counted from its # Source: line
      'shop/charts/cache/templates/service.yaml:10:3-11 service-selector-matches-nothing shop',
      'shop/charts/db/templates/service.yaml:9:19-27 service-target-port-not-found shop',
    ]);
    assert.match(subcharts[0].message, /did you mean app\.kubernetes\.io\/name=cahce, the labels of Deployment "shop-cache"\?/);
  });

  it('finds nothing else at warning or error, and counts the rendered objects', () => {
    assert.deepEqual(findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map(at).sort(), [
      'shop/charts/cache/templates/service.yaml:10:3-11 service-selector-matches-nothing',
      'shop/charts/db/templates/service.yaml:9:19-27 service-target-port-not-found',
      'web/templates/metrics-service.yaml:12:3-11 service-selector-matches-nothing',
      'web/templates/service.yaml:11:19-51 service-target-port-not-found',
    ]);
    assert.equal(objects, 8);
  });

  it('answers lookups from the rendered chart: the Service in the release namespace', () => {
    const result = spawnSync(process.execPath, [cliPath, 'nslookup', 'shop-web.shop', '--cluster', 'web', '--format', 'json', '.'], { cwd: charts, env: helm.env, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as { answers: { name: string; type: string }[] };
    assert.deepEqual(answer.answers.map((record) => `${record.name} ${record.type}`), ['shop-web.shop.svc.cluster.local. A']);
  });
});

describe('Helm charts without helm', () => {
  const findings = lint(charts, { ...process.env, PATH: '/nonexistent' }).findings;

  it('gives one helm-not-rendered info per chart, on its Chart.yaml, instead of a templated-file finding per template', () => {
    const notes = findings.filter((finding) => finding.ruleId === 'helm-not-rendered' || finding.ruleId === 'templated-file');
    assert.deepEqual(notes.map((finding) => `${at(finding)} ${finding.severity}`), [
      'api/Chart.yaml:2:7-10 helm-not-rendered info',
      'common/Chart.yaml:2:7-13 helm-not-rendered info',
      'shop/Chart.yaml:2:7-11 helm-not-rendered info',
      'shop/charts/db/Chart.yaml:2:7-9 helm-not-rendered info',
      'web/Chart.yaml:2:7-10 helm-not-rendered info',
    ]);
    assert.match(notes[4].message, /^Not rendered: helm is not on PATH/);
    assert.deepEqual(findings.filter((finding) => finding.severity !== 'info').map(at), [], 'without rendering, a chart is not checked across objects');
  });

  it('takes a suppression comment in Chart.yaml', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-chart-'));
    try {
      fs.writeFileSync(path.join(folder, 'Chart.yaml'), 'apiVersion: v2\n# kube-lookup-disable-next-line helm-not-rendered -- rendered in CI\nname: quiet\nversion: 0.1.0\n');
      fs.mkdirSync(path.join(folder, 'other'));
      fs.writeFileSync(path.join(folder, 'other', 'Chart.yaml'), 'apiVersion: v2\nname: loud\nversion: 0.1.0\n');
      assert.deepEqual(lint(folder, { ...process.env, PATH: '/nonexistent' }).findings.map(at), ['other/Chart.yaml:2:7-11 helm-not-rendered']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says rendering is off with --no-render, even with helm on PATH, and runs nothing', () => {
    const helm = helmOnPath({ web: captured });
    try {
      const notes = lint(charts, helm.env, '--no-render').findings.filter((finding) => finding.file === 'web/Chart.yaml');
      assert.deepEqual(notes.map((finding) => finding.message), ['Not rendered: rendering is turned off (--no-render, or kubeLookup.render in the editor), so the chart\'s templates are not checked.']);
      assert.deepEqual(helm.calls(), []);
    } finally {
      helm.remove();
    }
  });

  it('flags the helm-not-rendered rule fixtures at their marks, and not the chart whose dependency is vendored', () => {
    const helm = helmOnPath();
    try {
      const folder = path.join(fixturesRoot, 'rules', 'helm-not-rendered');
      const found = lint(folder, helm.env).findings.filter((finding) => finding.ruleId === 'helm-not-rendered');
      const marked = found.map((finding) => {
        const line = fs.readFileSync(path.join(folder, finding.file), 'utf8').split('\n')[finding.line - 1];
        return `${finding.file}:${finding.line} "${line.slice(finding.column - 1, finding.endColumn - 1)}" ${/# expect: helm-not-rendered "([^"]*)"/.exec(line)?.[1] ?? 'unmarked'}`;
      });
      assert.deepEqual(marked, ['invalid/missing-dependency/Chart.yaml:3 "shop" shop']);
      assert.deepEqual(helm.calls().map((call) => path.relative(folder, call.argv[2])).sort(), ['valid/vendored', 'valid/vendored/charts/redis']);
    } finally {
      helm.remove();
    }
  });
});

describe('charts: in .kube-lookup.yaml', () => {
  const usage = (config: string): string => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-charts-'));
    try {
      fs.mkdirSync(path.join(folder, 'web'));
      fs.writeFileSync(path.join(folder, 'web', 'values-prod.yaml'), 'replicaCount: 3\n');
      fs.writeFileSync(path.join(folder, '.kube-lookup.yaml'), config);
      const result = spawnSync(process.execPath, [cliPath, 'lint', '.'], { cwd: folder, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
      return `${result.status} ${result.stderr.trim()}`;
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  };

  it('takes a chart with its release, namespace and values files inside the settings folder', () => {
    assert.equal(usage('charts:\n- path: web\n  release: shop\n  namespace: shop\n  values: [web/values-prod.yaml]\n'), '0 ');
  });

  it('refuses values files outside the settings folder or missing, and names that helm or Kubernetes refuse', () => {
    assert.equal(usage('charts:\n- path: web\n  values: [../outside.yaml]\n'), '2 kube-lookup: .kube-lookup.yaml: charts[0].values[0]: no such file: ../outside.yaml');
    assert.equal(usage('charts:\n- path: web\n  values: [../../etc/hostname]\n').replace(/\.\.\/[./]*etc/, 'ETC'), '2 kube-lookup: .kube-lookup.yaml: charts[0].values[0]: ETC/hostname is outside the folder of the settings file');
    assert.match(usage('charts:\n- path: web\n  values: [/etc/hostname]\n'), /^2 kube-lookup: \.kube-lookup\.yaml: charts\[0\]\.values\[0\]: .*(outside the folder of the settings file|no such file)/);
    assert.match(usage('charts:\n- path: web\n  release: Shop_1\n'), /^2 kube-lookup: \.kube-lookup\.yaml: charts\[0\]\.release: a release name is lower-case letters, digits and dashes$/);
    assert.match(usage('charts:\n- path: web\n  chart: web\n'), /^2 kube-lookup: \.kube-lookup\.yaml: charts\[0\]: /);
  });
});
