import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analysisSettingsSchema, defaultSettings, RENAMED_SETTINGS } from '../../server/src/core/settings';
import { COMMANDS } from '../../server/src/protocol';
import { editorSettingsFrom } from '../../server/src/service/editorSettings';
import { compileGlobs } from '../../server/src/core/glob';
import { repoRoot } from '../helpers/paths';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default: unknown; markdownDescription?: string; description?: string; markdownDeprecationMessage?: string }> }; commands: { command: string }[]; grammars: { path: string; language: string }[] };
  activationEvents: string[];
  bin: Record<string, string>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('editor settings', () => {
  it('contributes one kubeLookup.* setting per analysis setting, plus exclude, with the same defaults and a description', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), [...Object.keys(analysisSettingsSchema.shape), 'exclude', ...Object.keys(RENAMED_SETTINGS)].map((key) => `kubeLookup.${key}`).sort());
    for (const [key, value] of Object.entries(defaultSettings)) assert.deepEqual(properties[`kubeLookup.${key}`].default, value, key);
    // an old name is deprecated and has no default of its own: left unset, the new one counts
    for (const [old, current] of Object.entries(RENAMED_SETTINGS)) {
      assert.equal(properties[`kubeLookup.${old}`].default, null, old);
      assert.match(properties[`kubeLookup.${old}`].markdownDeprecationMessage ?? '', new RegExp(`#kubeLookup\\.${current}#`), old);
    }
    for (const [key, property] of Object.entries(properties)) assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${key} needs a description`);
  });

  it('validates with the core schema, drops only the bad values and merges files.exclude', () => {
    const { settings, errors } = editorSettingsFrom(
      { clusterDomain: 'example.internal', pods: 'sometimes', nodeAddresses: null, nodeIPs: null, exclude: ['charts/**'], rules: { 'yaml-syntax': 'off' } },
      { '**/.git': true, '**/dist': false, 'build/**': true },
    );
    assert.deepEqual(errors, ['pods: Invalid option: expected one of "disabled"|"insecure"|"verified"']);
    assert.equal(settings.analysis.clusterDomain, 'example.internal');
    assert.equal(settings.analysis.pods, 'insecure');
    assert.deepEqual(settings.analysis.nodeAddresses, defaultSettings.nodeAddresses);
    assert.deepEqual(settings.analysis.rules, { 'yaml-syntax': 'off' });
    assert.deepEqual(settings.exclude, ['charts/**', '**/.git', 'build/**']);
  });

  it('reads the old kubeLookup.nodeIPs as kubeLookup.nodeAddresses unless the new one is set', () => {
    const defaults = defaultSettings.nodeAddresses;
    // as VS Code sends them: the new setting at its default, the old one set by the user
    assert.deepEqual(editorSettingsFrom({ nodeAddresses: defaults, nodeIPs: ['10.0.0.1', '10.0.0.2'] }, undefined), { settings: { analysis: { ...defaultSettings, nodeAddresses: ['10.0.0.1', '10.0.0.2'] }, exclude: [] }, errors: [] });
    assert.deepEqual(editorSettingsFrom({ nodeAddresses: ['10.0.0.9'], nodeIPs: ['10.0.0.1'] }, undefined).settings.analysis.nodeAddresses, ['10.0.0.9']);
    assert.deepEqual(editorSettingsFrom({ nodeAddresses: defaults, nodeIPs: null }, undefined).settings.analysis.nodeAddresses, defaults);
    assert.deepEqual(editorSettingsFrom({ nodeIPs: [] }, undefined).errors, ['nodeAddresses: Too small: expected array to have >=1 items']);
  });

  it('drops one bad rule severity, keeps the others, and names a misspelt rule id', () => {
    const { settings, errors } = editorSettingsFrom({ rules: { 'yaml-syntax': 'off', 'templated-file': 'loud', 'endpoints-without-servce': 'error' } }, undefined);
    assert.deepEqual(settings.analysis.rules, { 'yaml-syntax': 'off', 'endpoints-without-servce': 'error' });
    assert.deepEqual(errors, [
      'rules.templated-file: Invalid option: expected one of "error"|"warning"|"info"|"hint"|"off"',
      'rules.endpoints-without-servce: unknown rule (did you mean "endpoints-without-service"?)',
    ]);
  });

  it('matches exclude globs as files.exclude does, folders included', () => {
    const excluded = compileGlobs(['**/node_modules', 'charts/*/templates/**', '*.json', 'build/{a,b}/x?.yaml', 'tmp/[!k]*.yml']);
    const cases: [string, boolean][] = [
      ['node_modules/a.yaml', true],
      ['deep/node_modules/x/a.yaml', true],
      ['charts/web/templates/deployment.yaml', true],
      ['charts/web/values.yaml', false],
      ['package.json', true],
      ['config/package.json', false],
      ['build/a/x1.yaml', true],
      ['build/c/x1.yaml', false],
      ['build/b/x12.yaml', false],
      ['tmp/a.yml', true],
      ['tmp/k.yml', false],
      ['manifests/service.yaml', false],
    ];
    assert.deepEqual(cases.map(([file]) => [file, excluded(file)]), cases);
    assert.equal(compileGlobs([])('anything.yaml'), false);
  });
});

describe('extension manifest', () => {
  it('contributes every client command, activates on them, and ships the grammar and both binaries', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command);
    for (const command of Object.values(COMMANDS)) assert.ok(contributed.includes(command), command);
    for (const command of [COMMANDS.simulateNslookup, COMMANDS.showRecords, COMMANDS.showServiceEnvironment]) assert.ok(manifest.activationEvents.includes(`onCommand:${command}`), command);
    for (const grammar of manifest.contributes.grammars) assert.ok(fs.existsSync(path.join(repoRoot, grammar.path)), grammar.path);
    assert.equal(manifest.bin['kube-lookup-language-server'], './out/server/src/main.js');
    assert.match(fs.readFileSync(path.join(repoRoot, 'out', 'server', 'src', 'main.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });
});
