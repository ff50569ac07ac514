import fc from 'fast-check';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ClusterModel } from '../../server/src/core/model/clusterModel';
import { lintFiles } from '../../server/src/core/rules/runRules';
import { fuzzParameters } from './budget';
import { findingsOfCli, findingsOfServer } from './folderFindings';

/** Characters a URI spells otherwise: non-ASCII, percent-encoded ASCII, and plain letters between. */
const CHARACTERS = ['a', 'Z', '0', '-', '.', '_', '~', 'é', 'ü', 'Å', '服', '😀', ' ', '#', '%', '?', '[', ']', '&', '+', '=', ';', ',', "'", '(', '@', '$', '!'];
const segment = fc.array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 6 }).map((characters) => characters.join('')).filter((name) => name !== '.' && name !== '..');
/** Relative paths of distinct manifest files, one to three folders deep. */
const fileNames = fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/') + '.yaml'), { minLength: 2, maxLength: 6, selector: (name) => name.toLowerCase() });

/** The same Service and Pod in every file, each file with its own port: which one answers shows. */
const manifest = (index: number): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: twice\nspec:\n  selector:\n    app: twice\n  ports:\n  - port: ${1000 + index}\n---\n` +
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: twice\n  labels:\n    app: twice\nspec:\n  subdomain: twice\n  containers:\n  - name: c\n    image: i\n`;

/** What depends on the order of files: the definition that answers, the addresses given out, the findings. */
function answers(keys: readonly string[], order: readonly number[]): string {
  const model = new ClusterModel();
  for (const index of order) model.setFile(keys[index], manifest(index));
  const which = (file: string): number => keys.indexOf(file);
  return JSON.stringify({
    service: which(model.service('default', 'twice')!.object.file),
    ips: model.services().map((service) => `${which(service.object.file)}=${service.clusterIPs.map((ip) => ip.ip).join(',')}`).sort(),
    pods: model.podsIn('default').map((pod) => `${which(pod.template.owner.file)}=${pod.ips.map((ip) => ip.ip).join(',')}`).sort(),
    findings: lintFiles(model).findings.map((finding) => `${which(finding.file)} ${finding.span.start} ${finding.ruleId} ${finding.message}`).sort(),
  });
}

describe('fuzz: file names that URIs spell otherwise', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('a model of paths (the CLI) and a model of file URIs (the server) agree, in any load order', () => {
    fc.assert(
      fc.property(fileNames, fc.func(fc.integer()), (names, rank) => {
        const paths = names.map((name) => `manifests/${name}`);
        const uris = names.map((name) => pathToFileURL(`/work/manifests/${name}`).href);
        const sorted = names.map((_, index) => index);
        const shuffled = [...sorted].sort((a, b) => rank(a) - rank(b) || a - b);
        const expected = answers(paths, sorted);
        assert.equal(answers(paths, shuffled), expected, 'paths loaded in another order');
        assert.equal(answers(uris, shuffled), expected, 'file URIs');
        assert.equal(answers(paths.map((file) => file.replaceAll('/', '\\')), shuffled), expected, 'Windows paths');
      }),
      fuzzParameters('file names: paths and URIs', 200),
    );
  });

  it('the CLI and the language server give the same findings for files of such names on disk', async () => {
    await fc.assert(
      fc.asyncProperty(fileNames, async (names) => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-names-'));
        folders.push(folder);
        names.forEach((name, index) => {
          fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
          fs.writeFileSync(path.join(folder, name), manifest(index));
        });
        const cli = findingsOfCli(folder);
        assert.equal(cli.files, names.length);
        assert.deepEqual(await findingsOfServer(folder), cli);
      }),
      fuzzParameters('file names: CLI and server on disk', 4),
    );
  });
});
