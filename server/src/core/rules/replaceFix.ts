import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { replaceValue } from './textEdits';
import type { Fix, RuleContext } from './types';

/** A report's fix that replaces one value of the object (a name or a port) with the right one. */
export function replaceFix(object: ManifestObject, path: ValuePath, newText: string, title: string): (context: RuleContext) => Fix | undefined {
  return (context) => {
    const edits = replaceValue(context, object, path, newText);
    return edits ? { title, edits } : undefined;
  };
}
