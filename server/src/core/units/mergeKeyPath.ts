import type { PathSegment, ValuePath } from '../yaml/sourceLocator';
import { valueAt } from './plainValues';

/** Keys strategic merge matches list items by (containers by name, ports by port, …). */
const MERGE_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'devicePath', 'ip', 'topologyKey'];

/**
 * The path in `written` (a file as written, a patch) that a path of the rendered object stands for:
 * list items are matched by their merge key (a container by name, a port by number), as strategic
 * merge does, since patches add and reorder items; by index only when the item has no such key.
 */
export function pathByMergeKeys(written: unknown, rendered: unknown, path: ValuePath): { path: PathSegment[]; value: unknown } | undefined {
  const out: PathSegment[] = [];
  let inWritten = written;
  let inRendered = rendered;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(inWritten) || !Array.isArray(inRendered)) return undefined;
      const list: unknown[] = inWritten;
      const item = inRendered[segment] as Record<string, unknown> | undefined;
      // the first merge key both sides carry: a patch may name a port by number only
      const keys = MERGE_KEYS.filter((candidate) => item && typeof item === 'object' && item[candidate] !== undefined);
      const byKey = keys.map((key) => list.findIndex((candidate) => candidate && typeof candidate === 'object' && (candidate as Record<string, unknown>)[key] === item![key])).find((found) => found >= 0);
      const index = byKey ?? (keys.length === 0 && segment < list.length ? segment : -1);
      if (index < 0) return undefined;
      out.push(index);
      inWritten = list[index];
      inRendered = item;
    } else {
      if (typeof inWritten !== 'object' || inWritten === null || Array.isArray(inWritten) || !Object.hasOwn(inWritten, segment)) return undefined;
      out.push(segment);
      inWritten = (inWritten as Record<string, unknown>)[segment];
      inRendered = valueAt(inRendered, [segment]).value;
    }
  }
  return { path: out, value: inWritten };
}

