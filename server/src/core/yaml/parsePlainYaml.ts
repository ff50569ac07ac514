import { Composer, Parser, type CST } from 'yaml';
import { deepestColumn, measureTokens } from './documentShape';
import { firstDuplicateKey } from './duplicateKeys';
import { withYamlLineBreaks } from './lineBreaks';

/** Configuration is small and flat; anything deeper is refused before the parser recurses into it. */
const MAX_CONFIG_DEPTH = 64;

/** Parses a small YAML file (configuration) to a plain value; throws a one-line error when invalid. */
export function parsePlainYaml(source: string): unknown {
  const text = withYamlLineBreaks(source);
  if (deepestColumn(text) > 2 * MAX_CONFIG_DEPTH) throw new Error(`indented more than ${2 * MAX_CONFIG_DEPTH} columns deep`);
  const tokens: CST.Token[] = [...new Parser().parse(text)];
  const shape = measureTokens(tokens);
  if (shape.documents > 1) throw new Error(`expected one YAML document, found ${shape.documents}`);
  if (shape.depth > MAX_CONFIG_DEPTH) throw new Error(`nested ${shape.depth} levels deep, over the limit of ${MAX_CONFIG_DEPTH}`);
  // yaml's own duplicate-key check is quadratic in a mapping's size: firstDuplicateKey is linear
  const [doc] = new Composer({ merge: false, uniqueKeys: false, logLevel: 'error' }).compose(tokens);
  if (!doc) return null;
  const error = doc.errors[0];
  const duplicate = firstDuplicateKey(doc);
  if (duplicate && !(error && error.pos[0] <= duplicate.reportedAt)) throw new Error('Map keys must be unique');
  if (error) throw new Error(error.message.split('\n')[0]);
  try {
    return doc.toJS({ maxAliasCount: 10 });
  } catch (failure) {
    throw new Error(String(failure instanceof Error ? failure.message : failure).split('\n')[0]);
  }
}
