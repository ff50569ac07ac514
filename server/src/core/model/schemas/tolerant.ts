import { z } from 'zod';

/**
 * Manifests are read tolerantly: a field of the wrong type is treated as absent rather than
 * failing the whole object, so one typo never hides an object from the cluster model.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

export const stringMap = z.record(z.string(), z.unknown()).transform((record) => {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[key] = String(value);
  }
  return result;
});

export const intOrString = z.union([z.number().int(), z.string()]);

/** A list whose malformed items are dropped, keeping their original index. */
export function tolerantList<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((value, index) => {
      const parsed = item.safeParse(value);
      return parsed.success ? [{ ...(parsed.data as object), index } as z.infer<T> & { index: number }] : [];
    }),
  );
}
