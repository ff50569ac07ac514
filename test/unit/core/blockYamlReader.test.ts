import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { readBlockYaml } from '../../../server/src/core/yaml/blockYamlReader';
import { placesOfYamlNode } from '../../../server/src/core/yaml/nodePlaces';
import { defaultParseLimits, parseManifestFile, parseWithYaml } from '../../../server/src/core/yaml/parseManifestFile';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { lines } from '../../helpers/modelFrom';
import { fixturesRoot, repoRoot } from '../../helpers/paths';

const unlimited = { ...defaultParseLimits, maxFileSize: Number.MAX_SAFE_INTEGER };

/**
 * The fast reader may give up, but whenever it answers, the answer must be exactly `yaml`'s:
 * the same documents, spans and values, the same place for every node, and `yaml` must find no
 * error.
 */
function agreement(text: string): 'fast' | 'fallback' {
  const fast = readBlockYaml(text);
  if (!fast) {
    const placed = readBlockYaml(text, { offset: 0 });
    // placing steps over tags, on which reading gives up; on anything else it gives up too
    if (placed) {
      assert.ok(text.includes('!'), `placing changed whether the fast reader gives up on ${JSON.stringify(text)}`);
      assertPlacedAsYaml(text, placed);
    }
    return 'fallback';
  }
  const reference = parseWithYaml(text, unlimited);
  assert.deepEqual(reference.issues, [], `the fast reader accepted YAML that \`yaml\` rejects: ${JSON.stringify(text)}`);
  assert.deepStrictEqual(
    fast.map((document) => ({ ...document })),
    reference.documents.map((document) => ({ ...document })),
    `the fast reader differs from \`yaml\` on ${JSON.stringify(text)}`,
  );
  if (placesAgreement(text) === 'fast') placedFiles++;
  return 'fast';
}

/** Texts the fast reader also placed, checked against `yaml`'s ranges. */
let placedFiles = 0;

/**
 * Placing may give up where reading did not (comments trailing a nested collection), but
 * whenever it answers, every node stands where `yaml` ranges it, and the values are the same.
 */
function placesAgreement(text: string): 'fast' | 'fallback' {
  const placed = readBlockYaml(text, { offset: 0 });
  if (!placed) return 'fallback';
  assert.deepStrictEqual(placed.map(({ places, ...document }) => document), readBlockYaml(text), `placing changed the values read from ${JSON.stringify(text)}`);
  assertPlacedAsYaml(text, placed);
  return 'fast';
}

function assertPlacedAsYaml(text: string, placed: readonly { readonly places?: unknown }[]): void {
  const reference = parseAllDocuments(text, { merge: false, uniqueKeys: false, logLevel: 'error' });
  assert.ok(Array.isArray(reference));
  assert.deepStrictEqual(
    placed.map((document) => document.places),
    reference.map((doc) => placesOfYamlNode(doc.contents, 0)),
    `the fast reader places nodes differently from \`yaml\` in ${JSON.stringify(text)}`,
  );
}

function manifestFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return manifestFiles(full);
    return /\.(ya?ml|json)$/.test(entry.name) ? [full] : [];
  });
}

/** A small deterministic PRNG (mulberry32), so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTIONS = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '\n', '\n  ', '[', ']', '{', '}', ',', '|', '>', '&a ', '*a', '!t ', '---\n', '...', '\\', '0x1F', '.inf', '~', 'null', 'true', '1e3', '? ', '\t', '\r'];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  if (choice < 0.45) {
    const insertion = INSERTIONS[Math.floor(next() * INSERTIONS.length)];
    return text.slice(0, at) + insertion + text.slice(at);
  }
  if (choice < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
  const fileLines = text.split('\n');
  const line = Math.floor(next() * fileLines.length);
  if (choice < 0.8) fileLines.splice(line, 0, fileLines[Math.floor(next() * fileLines.length)]);
  else if (choice < 0.9) fileLines[line] = ` ${fileLines[line]}`;
  else fileLines[line] = fileLines[line].replace(/^ /, '');
  return fileLines.join('\n');
}

const EDGE_CASES = [
  'a: 1\n', 'a: 1', 'a: 1  ', 'a: 1  \n  \n', 'a: 1 # c\n\n', 'a: 1\n# c\n', 'a:\n', 'a:', 'a:   \n', 'a:\n  b:\n', 'a:\n  b:   # c\n',
  'a:\n- x\n- y\n', 'a:\n-\n', 'a:\n- \n', 'a:\n  - x\n  -\n    b: 1\n', '- a\n- b: c\n  d: e\n', '- - a\n  - b\n- c\n', '-\n  a: 1\n',
  '  a: 1\n  b: 2\n', 'a: |\n  x\n\n', 'a: |\n  x\n\n# c\nb: >-\n  y\n  z\n\n', 'a: |+\n  x\n\n\nb: 1\n', 'a: |+\n  x\n\n\n', 'a: |-\n  x\n\n\n',
  'a: |\n  x', 'a: |+\n  x', 'a: >\n  x\n  y\n\n  z\n', 'a: |\n\n  x\n', 'a: |\n  x\n   y\n  z\n', 'a: |\n  # not a comment\n  x\n', 'a: | # c\n  x\n',
  'a: [x, y]  \n', 'a: {}\n', 'a: []\n', 'a: {a: b, c: {d: e}}\n', 'a: [a:b, c]\n', 'a: ["--port", "80", -v, --x]\n', 'a: {"k":1}\n', "a: {'k': [1, 2]}\n",
  'a: "x"   # c\n', 'a: "\\u00e9\\x41\\t\\/\\"\\\\"\n', "a: 'it''s'\n", 'a: ""\n', "a: ''\n", '"a b": 1\n', "'c': d\n",
  'a: b:c\n', 'a: b#c\n', 'a: http://x:80/y\n', 'a: ::1\n', 'a: -1\n', 'a: --flag\n', 'a b: c\n', 'a.b/c-d_e: f\n',
  'a: 1\nb: -0\nc: 0x1F\nd: 0o17\ne: .inf\nf: -.Inf\ng: .NaN\nh: 1e3\ni: 1.\nj: .5\nk: +12\nl: 012\nm: 1_000\nn: ~\no: Null\np: TRUE\nq: yes\nr: 0b1\ns: 1.5e-3\nt: +.inf\n',
  '---\na: 1\n---\n', '---\na: 1\n---\n---\nb: 2\n', '# only comment\n', '', '\n\n', 'a: 1\n---\n# c\n', '# c\n---\na: 1\n', 'a: 1\n--- # c\nb: 2\n',
  'a: 1\n---\n\n# c\n\nb: 2\n', 'a: 1\n---   \nb: 2\n', '---\n', '--- \n', '\n---\na: 1', '--- # c\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n',
  'a: x\n  y\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '? a\n: b\n', 'a: 1\na: 2\n', 'a: b: c\n', '1: a\n', 'true: a\n', 'null: a\n', '__proto__: 1\n',
  'a:\n  m:\n    labels: # c\n  s: 1\n', 'a:\n  - labels: # c\n  - b\n',
  'a:\n\tb: 1\n', 'a: 1\r\nb: 2\r\n', '\ufeffa: 1\n', 'a: "multi\n  line"\n', 'a: [1,\n  2]\n', 'a: - b\n', '- a\nb: 1\n', 'a: 1\n b: 2\n',
];

describe('readBlockYaml: the fast first pass agrees with yaml or gives up', () => {
  it('agrees on hand-picked edge cases, and reads the plain ones itself', () => {
    const outcomes = EDGE_CASES.map((text) => agreement(text));
    // the common shapes must not fall back, or the fast pass would be useless
    for (const text of ['a: 1\n', 'a:\n- x\n- y\n', 'a: |\n  x\n\n', 'a: {a: b, c: {d: e}}\n', '---\na: 1\n---\n', "a: 'it''s'\n"]) {
      assert.equal(outcomes[EDGE_CASES.indexOf(text)], 'fast', JSON.stringify(text));
    }
    for (const text of ['a: &x 1\nb: *x\n', 'a: x\n  y\n', 'a: 1\na: 2\n', 'a: b: c\n', '? a\n: b\n', 'a:\n\tb: 1\n']) {
      assert.equal(outcomes[EDGE_CASES.indexOf(text)], 'fallback', JSON.stringify(text));
    }
  });

  it('places tagged nodes where yaml ranges them, stepping over the tag, while reading values gives up on tags', () => {
    const tagged = [
      'data: !!map\n  k: v\n  j: w\n', 'a: !!str\nb: 1\n', 'a: !!str # c\nb: 1\n', '- !!map\n  k: v\n- !!str x\n', 'a: !!str |\n  text\nb: 1\n',
      'a: !<tag:yaml.org,2002:str> x\n', 'a: !!map\n\n  k: v\n', 'a: !!str x\nb: !!str "q"\nc: !custom y\n', 'l: !!seq\n- 1\n- 2\n', 'm: !!map {a: 1}\n',
    ];
    for (const text of tagged) {
      assert.equal(readBlockYaml(text), undefined, JSON.stringify(text));
      const placed = readBlockYaml(text, { offset: 0 });
      assert.ok(placed, `placing gave up on ${JSON.stringify(text)}`);
      assertPlacedAsYaml(text, placed);
    }
  });

  it('agrees on the fixtures, the examples and the shared corpus', () => {
    const files = [...manifestFiles(fixturesRoot), ...manifestFiles(path.join(repoRoot, 'examples')), ...manifestFiles('/work/shared/corpus')];
    assert.ok(files.length > 20);
    const outcomes = files.map((file) => agreement(fs.readFileSync(file, 'utf8')));
    assert.ok(outcomes.filter((outcome) => outcome === 'fast').length > files.length / 2, 'most real manifests take the fast path');
  });

  it('reads every file of a generated benchmark workspace itself, the same as yaml', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-reader-'));
    try {
      const workspace = generateWorkspace(path.join(root, 'apps'), 30);
      for (const app of workspace.apps) {
        for (const file of app.files) {
          const text = fs.readFileSync(path.join(workspace.root, file), 'utf8');
          assert.equal(agreement(text), 'fast', file);
          assert.equal(placesAgreement(text), 'fast', `places of ${file}`);
        }
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('agrees on thousands of mutated manifests', () => {
    const bases = [...EDGE_CASES.filter((text) => text.length > 8), ...manifestFiles(path.join(repoRoot, 'examples')).map((file) => fs.readFileSync(file, 'utf8')), ...manifestFiles(fixturesRoot).map((file) => fs.readFileSync(file, 'utf8'))];
    const next = random(20261121);
    const placedBefore = placedFiles;
    let fast = 0;
    for (let round = 0; round < 6000; round++) {
      let text = bases[round % bases.length];
      const mutations = 1 + Math.floor(next() * 3);
      for (let index = 0; index < mutations; index++) text = mutate(text, next);
      if (agreement(text) === 'fast') fast++;
    }
    assert.ok(fast > 1000, `only ${fast} mutants took the fast path; the test would not exercise it`);
    assert.ok(placedFiles - placedBefore > 1000, `only ${placedFiles - placedBefore} mutants were placed by the fast reader`);
  });

  it('is what parseManifestFile uses, with errors still reported by yaml', () => {
    assert.deepEqual(parseManifestFile(lines('kind: Service', 'metadata:', '  name: a')).documents, [{ index: 0, span: { start: 0, end: 34 }, value: { kind: 'Service', metadata: { name: 'a' } } }]);
    const broken = parseManifestFile(lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '  name: b'));
    assert.equal(broken.issues[0]?.ruleId, 'yaml-syntax');
  });
});
