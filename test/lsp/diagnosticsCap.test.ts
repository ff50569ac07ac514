import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/src/service/diagnosticsCap';
import { cliFindings, serverFindings } from './cliComparison';
import { manyObjects } from './hostileTexts';
import { LspSession, messageOf, uriOf } from './lspHarness';

const RULES = { 'subdomain-without-hostname': 'error', 'service-selector-matches-nothing': 'info' };

describe('the diagnostics published per file', () => {
  it(`stop at ${MAX_DIAGNOSTICS_PER_FILE}, most severe first, with one more that says how many the CLI lists`, { timeout: 120_000 }, async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-cap-'));
    // 450 Service and Pod pairs: 450 findings of each of three rules, one an error, one a warning, one info
    fs.writeFileSync(path.join(folder, 'many.yaml'), manyObjects(450));
    const few = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lone\nspec:\n  subdomain: nowhere\n  containers:\n  - name: c\n    image: x\n';
    fs.writeFileSync(path.join(folder, 'few.yaml'), few);
    const session = await LspSession.start([folder], { kubeLookup: { rules: RULES } }, 60_000);
    try {
      const many = uriOf(path.join(folder, 'many.yaml'));
      await session.until(() => (session.diagnostics.get(many)?.length ?? 0) > 0 && session.diagnostics.has(uriOf(path.join(folder, 'few.yaml'))), 60_000);
      const published = session.diagnostics.get(many)!;
      assert.equal(published.length, MAX_DIAGNOSTICS_PER_FILE + 1);
      const last = published[published.length - 1];
      assert.equal(messageOf(last), '1,350 findings in this file; the editor is sent the first 1,000, most severe first (350 more not shown). `kube-lookup lint` lists them all.');
      assert.deepEqual(last.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'apiVersion: v1'.length } });
      assert.equal(last.code, undefined);
      const cli = cliFindings(folder, { args: ['--rule', Object.entries(RULES).map(([id, severity]) => `${id}=${severity}`).join(',')] });
      assert.equal(cli.filter((line) => line.startsWith('many.yaml ')).length, 1_350);
      const server = serverFindings(session, folder).filter((line) => !line.includes(' 1,350 findings in this file'));
      // the 450 errors and 450 warnings all, then the first 100 infos in the file: each one as the CLI has it
      const counts = (lines: string[]): Record<string, number> => Object.fromEntries(['error', 'warning', 'info'].map((severity) => [severity, lines.filter((line) => line.startsWith('many.yaml ') && line.split(' ')[2] === severity).length]));
      assert.deepEqual(counts(server), { error: 450, warning: 450, info: 100 });
      for (const line of server) assert.ok(cli.includes(line), line);
      const infos = (lines: string[]): number[] => lines.filter((line) => line.startsWith('many.yaml ') && line.split(' ')[2] === 'info').map((line) => Number(line.split(' ')[3].split(':')[0])).sort((a, b) => a - b);
      assert.deepEqual(infos(server), infos(cli).slice(0, 100));
      // a file under the cap is as the CLI has it, with no word of a cap
      assert.deepEqual(server.filter((line) => line.startsWith('few.yaml ')), cli.filter((line) => line.startsWith('few.yaml ')));
      assert.equal(session.diagnostics.get(uriOf(path.join(folder, 'few.yaml')))!.length, cli.filter((line) => line.startsWith('few.yaml ')).length);
    } finally {
      await session.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
