import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core/yaml/lineIndex';
import { fixturesRoot } from '../helpers/paths';
import { cliFindings, serverFindings } from './cliComparison';
import { LspSession } from './lspHarness';

/** Files whose findings end at a line break: the CLI once counted the CR of CRLF into the range. */
const CRLF_FILES: Readonly<Record<string, string>> = {
  'quote.yaml': "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'web\nspec: {}\n",
  'twice.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\nspec:\n  type: ClusterIP\n',
  'typo.yaml': 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: databse\nsubsets: []\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: database\nspec:\n  ports:\n  - port: 80\n',
};

describe('the editor and the CLI agree', () => {
  it('on where an offset inside a CRLF line break stands: at the line end, as the editor puts it', () => {
    const index = new LineIndex('a: 1\r\nb: 2\r\n');
    assert.deepEqual(index.position(4), { line: 0, character: 4 });
    assert.deepEqual(index.position(5), { line: 0, character: 4 });
    assert.deepEqual(index.position(6), { line: 1, character: 0 });
  });

  it('on the ranges of findings in CRLF files (the CR is not part of a range)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-crlf-'));
    for (const [name, text] of Object.entries(CRLF_FILES)) fs.writeFileSync(path.join(folder, name), text.replace(/\n/g, '\r\n'));
    const session = await LspSession.start([folder]);
    try {
      const cli = cliFindings(folder);
      // main's parser now puts the duplicate key on the key itself; the name's range ends at the CR
      assert.ok(cli.some((line) => line.startsWith('twice.yaml yaml-syntax error 5:0-5:4 ')), cli.join('\n'));
      assert.ok(cli.some((line) => line.startsWith('typo.yaml endpoints-without-service error 3:8-3:15 ')), cli.join('\n'));
      await session.until(() => serverFindings(session, folder).length === cli.length);
      assert.deepEqual(serverFindings(session, folder), cli);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  for (const [render, cli] of [[true, { render: true }], [false, {}]] as const) {
    it(`on a folder of Helm charts without helm on PATH (a trusted workspace, kubeLookup.render ${render ? 'on' : 'off'}, as \`lint\`${render ? '' : ' --no-render'}): one helm-not-rendered per chart, nothing per template`, async () => {
      const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-charts-')));
      fs.cpSync(path.join(fixturesRoot, 'helm', 'charts'), folder, { recursive: true });
      // a PATH that holds no helm, whatever this machine has
      const saved = process.env.PATH;
      process.env.PATH = path.dirname(process.execPath);
      const session = await LspSession.start([folder], { kubeLookup: { render } }, 20_000, { renderDelayMs: 50 }, { trustedWorkspace: true });
      try {
        const expected = cliFindings(folder, cli);
        assert.deepEqual(expected.filter((line) => line.includes(' templated-file ')), []);
        assert.equal(expected.filter((line) => line.includes(' helm-not-rendered ')).length, 5, expected.join('\n'));
        await session.until(() => JSON.stringify(serverFindings(session, folder)) === JSON.stringify(expected), 20_000).catch(() => undefined);
        assert.deepEqual(serverFindings(session, folder), expected);
      } finally {
        process.env.PATH = saved;
        await session.dispose();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  }
});
