import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifestFile } from '../../../server/src/core/yaml/parseManifestFile';
import { SourceLocator, type PathSegment } from '../../../server/src/core/yaml/sourceLocator';
import { lines } from '../../helpers/modelFrom';
import { fixturesRoot, repoRoot } from '../../helpers/paths';

function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('SourceLocator', () => {
  const text = lines('# leading comment', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web # comment', '---', 'apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '  - name: app', '    ports:', '    - name: http', '      containerPort: 8080');
  const documents = parseManifestFile(text).documents;
  const locator = new SourceLocator(text);

  it('finds the exact key and value spans of a path, without comments', () => {
    const location = locator.locate(documents[0].span, ['metadata', 'name']);
    assert.equal(slice(text, location.value), 'web');
    assert.equal(slice(text, location.key!), 'name');
    assert.equal(location.depth, 2);
  });

  it('walks sequences by index in a later document', () => {
    const location = locator.locate(documents[1].span, ['spec', 'containers', 0, 'ports', 0, 'containerPort']);
    assert.equal(slice(text, location.value), '8080');
  });

  it('reports how deep a missing path exists', () => {
    const location = locator.locate(documents[0].span, ['spec', 'selector']);
    assert.equal(location.depth, 0);
  });

  it('tells what stands at an offset', () => {
    const offset = text.indexOf('http');
    const node = locator.nodeAt(documents[1].span, offset + 1);
    assert.deepEqual(node?.path, ['spec', 'containers', 0, 'ports', 0, 'name']);
    assert.equal(node?.role, 'value');
    const keyNode = locator.nodeAt(documents[0].span, text.indexOf('name: web') + 1);
    assert.deepEqual(keyNode?.path, ['metadata', 'name']);
    assert.equal(keyNode?.role, 'key');
  });

  it('keeps offsets exact with CRLF line ends', () => {
    const crlf = 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\n';
    const document = parseManifestFile(crlf).documents[0];
    assert.equal(slice(crlf, new SourceLocator(crlf).locate(document.span, ['metadata', 'name']).value), 'web');
  });

  it('answers the same whether the fast reader or `yaml` places the document', () => {
    // an alias anywhere in the file sends the fast reader back to `yaml`; it changes no place
    const files = [path.join(repoRoot, 'examples'), fixturesRoot].flatMap((folder) => fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name)));
    let compared = 0;
    for (const name of files) {
      const text = fs.readFileSync(name, 'utf8');
      for (const document of parseManifestFile(text).documents) {
        if (document.value === undefined) continue;
        const body = text.slice(document.span.start, document.span.end);
        if (body.includes('&') || body.includes('\t')) continue;
        const prefix = text.slice(0, document.span.start);
        const forced = `${prefix}${body.replace(/\n?$/, '')}\nx-anchor: &a 1\n`;
        const forcedSpan = { start: document.span.start, end: forced.length };
        const fast = new SourceLocator(text);
        const viaYaml = new SourceLocator(forced);
        // every path but the root's, which the added key lengthens
        for (const valuePath of pathsOf(document.value).slice(1)) {
          assert.deepEqual(viaYaml.locate(forcedSpan, valuePath), fast.locate(document.span, valuePath), `${name} ${valuePath.join('.')}`);
          compared++;
        }
        for (let offset = document.span.start; offset < document.span.end; offset += 7) {
          assert.deepEqual(viaYaml.nodeAt(forcedSpan, offset), fast.nodeAt(document.span, offset), `${name} at ${offset}`);
        }
      }
    }
    assert.ok(compared > 1000, `only ${compared} paths compared`);
  });
});

/** Every path to a value of a plain document. */
function pathsOf(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const paths: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}
