import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifestFile } from '../../../server/src/core/yaml/parseManifestFile';
import { SourceLocator } from '../../../server/src/core/yaml/sourceLocator';
import { lines } from '../../helpers/modelFrom';

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
});
