import type { ManifestObject } from '../../model/manifestObject';
import type { ValuePath } from '../../yaml/sourceLocator';
import type { RuleContext } from '../types';

export interface Place {
  readonly path: ValuePath;
  readonly on?: 'key' | 'value';
}

/** The first of the candidate places that exists in the source, else the last candidate. */
export function firstPlace(context: RuleContext, object: ManifestObject, candidates: readonly Place[]): Place {
  return candidates.find((candidate) => context.locate({ object, path: candidate.path }).found) ?? candidates[candidates.length - 1];
}

/** Keys a list item (a Service or container port) usually starts with, to point at a missing field. */
const ITEM_KEYS = ['name', 'port', 'containerPort', 'protocol', 'targetPort', 'nodePort'];

/** A field of a list item: its value when written, else a key of the item, so the span stays on one line. */
export function itemFieldPlace(context: RuleContext, object: ManifestObject, item: ValuePath, field: string): Place {
  return firstPlace(context, object, [
    { path: [...item, field] },
    ...ITEM_KEYS.map((key): Place => ({ path: [...item, key], on: 'key' })),
    { path: item },
  ]);
}
