import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lines } from '../helpers/modelFrom';
import { LspSession, positionOf, uriOf } from './lspHarness';

// a headless Service with hand-written Endpoints, and a Pod whose subdomain names it; the
// Service's port name is invalid, a finding of its own below the line typed on
const SERVICE = lines(
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: db',
  'spec:',
  '  clusterIP: None',
  '  ports:',
  '  - port: 5432',
  '    name: Pg_SQL',
);
const ENDPOINTS = lines(
  'apiVersion: v1',
  'kind: Endpoints',
  'metadata:',
  '  name: db',
  'subsets:',
  '- addresses:',
  '  - ip: 10.0.0.5',
  '  ports:',
  '  - port: 5432',
  '    name: Pg_SQL',
);
const POD = lines(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: db-0',
  'spec:',
  '  hostname: db-0',
  '  subdomain: db',
  '  containers:',
  '  - name: db',
  '    image: postgres',
);

/** Lets the server finish what an edit queued (its diagnostics go out within a few 5 ms slices). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

describe('an open document with a syntax error keeps its last good parse for other files', () => {
  let folder: string;
  let session: LspSession;
  const uri = (name: string): string => uriOf(path.join(folder, name));
  const others = (): Record<string, string[]> => ({ endpoints: session.codes(uri('endpoints.yaml')), pod: session.codes(uri('pod.yaml')) });
  let quiet: Record<string, string[]>;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-last-good-'));
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    fs.writeFileSync(path.join(folder, 'endpoints.yaml'), ENDPOINTS);
    fs.writeFileSync(path.join(folder, 'pod.yaml'), POD);
    session = await LspSession.start([folder]);
    await session.open(uri('service.yaml'), SERVICE);
    await settle();
    quiet = others();
  });
  after(async () => {
    await session.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('starts with no wiring finding on the Endpoints or the Pod (the Service binds both)', () => {
    assert.deepEqual(quiet, { endpoints: ['endpoints-deprecated@1:6'], pod: [] });
    assert.deepEqual(session.codes(uri('service.yaml')), ['service-port-name-invalid@8:10']);
  });

  it('reports the syntax error of a half-typed name, and changes no other file', async () => {
    // `name: "db` before its closing quote is typed: the Service's document does not parse
    const at = positionOf(SERVICE, 'db', 0, 1);
    await session.edit(uri('service.yaml'), { start: at, end: at }, '"');
    await session.until(() => session.codes(uri('service.yaml')).some((code) => code.startsWith('yaml-syntax@')));
    await settle();
    assert.deepEqual(others(), quiet);
    // its own finding of the last good parse stays where it stands
    assert.ok(session.codes(uri('service.yaml')).includes('service-port-name-invalid@8:10'));
  });

  it('keeps the last good parse while typing on in the broken text, its own findings moving with the text', async () => {
    await session.edit(uri('service.yaml'), { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, '  # typing\n');
    await session.until(() => session.codes(uri('service.yaml')).includes('service-port-name-invalid@9:10'));
    await settle();
    assert.deepEqual(others(), quiet);
    assert.equal(session.codes(uri('service.yaml')).filter((code) => code.startsWith('yaml-syntax@')).length, 1);
  });

  it('gives no hover or rename in the held document, whose places the model has only in the older text', async () => {
    const hover = await session.request('textDocument/hover', { textDocument: { uri: uri('service.yaml') }, position: { line: 9, character: 12 } });
    assert.equal(hover, null);
  });

  it('applies the new parse once the document parses again: a new name unbinds the Endpoints and the Pod', async () => {
    // close the quote as `"dbx"`: the Service is renamed, which is a real change for other files
    await session.edit(uri('service.yaml'), { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } }, 'x"');
    await session.until(() => session.codes(uri('endpoints.yaml')).some((code) => code.startsWith('endpoints-without-service@'))
      && session.codes(uri('pod.yaml')).some((code) => code.startsWith('subdomain-without-headless-service@')));
    assert.deepEqual(session.codes(uri('service.yaml')), ['service-port-name-invalid@9:10']);
  });

  it('applies the broken parse once the document is saved broken: the file on disk is what kubectl sees', async () => {
    // delete the closing quote again: held, the port name's finding stays
    await session.edit(uri('service.yaml'), { start: { line: 3, character: 12 }, end: { line: 3, character: 13 } }, '');
    await session.until(() => session.codes(uri('service.yaml')).some((code) => code.startsWith('yaml-syntax@')));
    assert.ok(session.codes(uri('service.yaml')).includes('service-port-name-invalid@9:10'));
    await session.save(uri('service.yaml'));
    await session.until(() => !session.codes(uri('service.yaml')).includes('service-port-name-invalid@9:10'));
    assert.deepEqual(session.codes(uri('service.yaml')).map((code) => code.split('@')[0]), ['yaml-syntax']);
  });

  it('a document that never parsed is applied as it is (no last good parse to keep)', async () => {
    const broken = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: "db');
    await session.open(uri('new.yaml'), broken);
    await session.until(() => session.codes(uri('new.yaml')).some((code) => code.startsWith('yaml-syntax@')));
  });
});
