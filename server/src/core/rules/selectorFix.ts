import { formatSelector } from '../model/labelSelector';
import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Fix, RuleContext } from './types';

/**
 * A fix for a selector a typo away from the labels of the Pods it was meant for: each value that
 * differs is replaced where it is written (`labelsPath`: the mapping of the selector's labels, such
 * as `spec.selector` or `spec.podSelector.matchLabels`), in the quotes it was written in. None when
 * a value is not written as a scalar of its own (a placeholder built in, a flow written by a tool).
 */
export function selectorLabelsFix(object: ManifestObject, labelsPath: ValuePath, selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): (context: RuleContext) => Fix | undefined {
  return (context) => {
    const edits: Fix['edits'][number][] = [];
    for (const [key, value] of Object.entries(selector)) {
      const wanted = labels[key];
      if (wanted === undefined || wanted === value) continue;
      const place = context.locate({ object, path: [...labelsPath, key] });
      const text = context.model.file(place.file)?.text;
      if (!place.found || text === undefined) return undefined;
      const written = text.slice(place.span.start, place.span.end);
      if (unquoted(written) !== value) return undefined;
      edits.push({ file: place.file, span: place.span, newText: scalarLike(written, wanted) });
    }
    return edits.length > 0 ? { title: `Change the selector to ${formatSelector({ ...selector, ...labels })}`, edits } : undefined;
  };
}

function unquoted(written: string): string {
  return /^(["']).*\1$/s.test(written) ? written.slice(1, -1) : written;
}

/** A label value written as the old one was: in its quotes, else plain when YAML reads it back as that string. */
function scalarLike(written: string, value: string): string {
  if (written.startsWith('"')) return JSON.stringify(value);
  if (written.startsWith("'")) return `'${value}'`;
  return readsAsString(value) ? value : JSON.stringify(value);
}

/** Label values are letters, digits, `-`, `_` and `.`; those YAML reads as a number, a boolean or null need quotes. */
function readsAsString(value: string): boolean {
  if (value === '' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) return false;
  if (/^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$/.test(value) || /^0[xob]/i.test(value) || /^\.(inf|nan)$/i.test(value)) return false;
  return !/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(value);
}
