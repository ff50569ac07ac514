import fc from 'fast-check';

/**
 * Damage done to a manifest, as data: fast-check generates and shrinks these descriptions, and
 * `applyMutations` turns them into text. Positions are naturals taken modulo the text's length,
 * so they shrink towards the start of the file.
 */
export type Mutation =
  | { readonly kind: 'flip-byte'; readonly at: number; readonly mask: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'indent'; readonly line: number; readonly delta: number }
  | { readonly kind: 'tab-indent'; readonly line: number }
  | { readonly kind: 'duplicate-line'; readonly line: number }
  | { readonly kind: 'swap-lines'; readonly line: number; readonly other: number }
  | { readonly kind: 'replace-value'; readonly line: number; readonly value: string }
  | { readonly kind: 'line-endings'; readonly ending: '\r\n' | '\r' }
  | { readonly kind: 'bom' };

/** Tokens that mean something to YAML, to Kubernetes or to us, and a few that mean trouble. */
export const SIGNIFICANT = [
  ': ', '- ', '? ', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '*missing', '!!binary ', '!custom ', '|', '>-', '#', '---\n', '...\n',
  '\t', '\r', '\r\n', '\u0000', '\uFEFF', '\uD800', '\uDFFF', '\u2028', '\u0085', '{{ .Values.x }}', '{{', '}}', '<<: *a', '%YAML 1.2\n', '%TAG ! tag:x\n',
  '__proto__: ', 'constructor: ', 'prototype: ', 'toString: ', 'hasOwnProperty: ', 'apiVersion: v1\n', 'kind: Service\n', 'kind: List\nitems:\n- ',
  'metadata:\n  name: x\n', 'selector: {app: web}\n', 'subdomain: ', 'namespace: ', 'clusterIP: None\n', 'type: ExternalName\n', 'targetPort: http\n',
] as const;

/** Values of the wrong type (or odd ones of the right type) for any field. */
export const WRONG_VALUES = [
  '1', '-1', '0', '1.5', '1e309', '-0', '.inf', '.nan', '0x1F', '99999999999999999999', 'null', '~', '', 'true', 'false', 'yes',
  '{}', '[]', '{a: 1}', '[1, x]', '[null]', '{__proto__: {polluted: yes}}', '"\\u0000"', '!!binary aGk=', '2001-12-14', "''", '"x"',
  '&anchor {a: 1}', '*anchor', '[[[[]]]]', 'None', '"None"', 'a/b', '"..."', '" "', '9'.repeat(400),
] as const;

const position = fc.nat({ max: 1 << 20 });

const insertedText = fc.oneof(
  fc.constantFrom(...SIGNIFICANT),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\n', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',', 'a', '&', '*', '!', '|', '>', '%', '@', '`'), maxLength: 12 }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip-byte' as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: insertedText }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('indent' as const), line: position, delta: fc.integer({ min: -8, max: 8 }) }),
  fc.record({ kind: fc.constant('tab-indent' as const), line: position }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: position }),
  fc.record({ kind: fc.constant('swap-lines' as const), line: position, other: position }),
  fc.record({ kind: fc.constant('replace-value' as const), line: position, value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ kind: fc.constant('line-endings' as const), ending: fc.constantFrom('\r\n' as const, '\r' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 5 });

export function applyMutations(text: string, list: readonly Mutation[]): string {
  return list.reduce(applyMutation, text);
}

export function applyMutation(text: string, m: Mutation): string {
  const at = (n: number): number => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.kind) {
    case 'flip-byte': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      bytes[m.at % bytes.length] ^= m.mask;
      // decoded as the CLI and the editor decode files: invalid UTF-8 becomes U+FFFD
      return new TextDecoder('utf-8').decode(bytes);
    }
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'line-endings':
      return text.replace(/\r?\n/g, m.ending);
    case 'bom':
      return '\uFEFF' + text;
    default:
      return editLines(text, m);
  }
}

function editLines(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = 'line' in m ? m.line % lines.length : 0;
  switch (m.kind) {
    case 'indent':
      lines[line] = m.delta >= 0 ? ' '.repeat(m.delta) + lines[line] : dedent(lines[line], -m.delta);
      break;
    case 'tab-indent':
      lines[line] = lines[line].replace(/^ +/, '\t');
      break;
    case 'duplicate-line':
      lines.splice(line, 0, lines[line]);
      break;
    case 'swap-lines': {
      const other = m.other % lines.length;
      [lines[line], lines[other]] = [lines[other], lines[line]];
      break;
    }
    case 'replace-value': {
      const colon = lines[line].indexOf(': ');
      lines[line] = colon >= 0 ? `${lines[line].slice(0, colon + 2)}${m.value}` : `${lines[line]} ${m.value}`;
      break;
    }
    default:
      break;
  }
  return lines.join('\n');
}

function dedent(line: string, columns: number): string {
  let start = 0;
  while (start < columns && line[start] === ' ') start++;
  return line.slice(start);
}
