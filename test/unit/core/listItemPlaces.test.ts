import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { placesOfYamlNode, type PlacedNode } from '../../../server/src/core/yaml/nodePlaces';
import { parseManifestFile } from '../../../server/src/core/yaml/parseManifestFile';
import { listItemStarts, SourceLocator, type PathSegment } from '../../../server/src/core/yaml/sourceLocator';

/** Items of every shape the line scanner must tell apart: block, flow over lines, block scalars holding `- ` lines, comments at column 0. */
function item(i: number): string {
  switch (i % 4) {
    case 0: return `- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s${i}\n  spec:\n    ports:\n    - port: 80\n      targetPort: http\n`;
    case 1: return `- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d${i}},\n   spec: {replicas: 2}}\n# a comment at column 0\n`;
    case 2: return `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c${i}}\n  data:\n    script: |\n      - not an item\n      items:\n\n      - still the scalar\n`;
    default: return `-   apiVersion: v1\n    kind: Pod\n    metadata:\n      name: "p${i}"\n`;
  }
}

function bigList(indent: string, minimum: number): string {
  let text = 'apiVersion: v1\nkind: List\nitems:\n';
  for (let i = 0; text.length < minimum; i++) text += item(i).split('\n').map((line) => (line === '' || line.startsWith('#') ? line : indent + line)).join('\n');
  return `${text}metadata:\n  resourceVersion: "1"\n`;
}

/** The spans the whole document's places give, walked as the locator walks them. */
function wholeDocument(text: string, path: readonly PathSegment[]): { value: string; key?: string } {
  let node: PlacedNode | undefined = placesOfYamlNode(parseDocument(text).contents, 0);
  let key: { start: number; end: number } | undefined;
  for (const segment of path) {
    if (node?.kind === 'map') {
      const entry = node.entries.find((candidate) => candidate.key === String(segment))!;
      key = entry.keySpan;
      node = entry.value;
    } else if (node?.kind === 'sequence') {
      key = undefined;
      node = node.items[segment as number];
    }
  }
  return { value: text.slice(node!.span.start, node!.span.end), key: key && text.slice(key.start, key.end) };
}

describe('an item of a large List', () => {
  for (const indent of ['', '  ']) {
    it(`is read alone, at the spans the whole document gives (items indented ${indent.length})`, () => {
      const text = bigList(indent, 300_000);
      const [document] = parseManifestFile(text).documents;
      const items = (document.value as { items: unknown[] }).items;
      const starts = listItemStarts(text, document.span)!;
      // one start per item, and the end of the sequence (the metadata key after it)
      assert.equal(starts.length, items.length + 1);
      assert.equal(text.slice(starts[items.length]).split('\n')[0], 'metadata:');
      const locator = new SourceLocator(text);
      for (const index of [0, 1, 2, 3, 4, 5, 6, 7, items.length - 2, items.length - 1]) {
        for (const path of [['items', index], ['items', index, 'kind'], ['items', index, 'metadata', 'name']] as PathSegment[][]) {
          const location = locator.locate(document.span, path);
          const expected = wholeDocument(text, path);
          assert.equal(location.depth, path.length);
          assert.equal(text.slice(location.value.start, location.value.end), expected.value, path.join('.'));
          assert.equal(location.key && text.slice(location.key.start, location.key.end), expected.key, path.join('.'));
        }
      }
      // a path past what exists stops where the item does
      const missing = locator.locate(document.span, ['items', 0, 'spec', 'selector']);
      assert.equal(missing.depth, 3);
    });
  }

  for (const indent of ['', '  ']) {
    it(`answers what stands at an offset as the whole document does, reading one item or the keys around the items (indented ${indent.length})`, () => {
      const text = bigList(indent, 300_000);
      const [document] = parseManifestFile(text).documents;
      const pieces = new SourceLocator(text);
      const whole = new SourceLocator(text, Infinity);
      const starts = listItemStarts(text, document.span)!;
      // every offset of the keys before and after the items, of the first items and the last, and around every item start
      const offsets = new Set<number>();
      for (let offset = 0; offset < starts[9]; offset++) offsets.add(offset);
      for (let offset = starts[starts.length - 3]; offset <= text.length; offset++) offsets.add(offset);
      for (const start of starts) for (let offset = start - 3; offset <= start + 6; offset++) offsets.add(offset);
      for (const offset of offsets) {
        assert.deepEqual(pieces.nodeAt(document.span, offset), whole.nodeAt(document.span, offset), `offset ${offset}: ${JSON.stringify(text.slice(offset, offset + 20))}`);
      }
    });
  }

  it('is not told apart when the document has no block sequence under a top-level items:', () => {
    const flow = 'apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Pod, metadata: {name: a}}]\n';
    assert.equal(listItemStarts(flow, parseManifestFile(flow).documents[0].span), undefined);
    const none = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  items: |\n    - a\n';
    assert.equal(listItemStarts(none, parseManifestFile(none).documents[0].span), undefined);
  });
});
