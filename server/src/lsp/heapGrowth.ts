import { setFlagsFromString } from 'node:v8';

/** How far V8 may let the old generation grow past what is live before collecting it, in percent. */
export const EDITING_HEAP_GROWTH_PERCENT = 10;

/**
 * A language server lives through hours of small edits. Each edit leaves its file's previous
 * version behind in the old generation, and V8 lets that generation grow up to several times what
 * is live before it collects — keeping the pages it grew into — so the resident size creeps up with
 * every edit though nothing leaks. Once the workspace is indexed (while the heap grows for good
 * reason, collecting often would only slow indexing), growth past what is live is held to a tenth.
 * V8 reads the flag at each collection, so setting it at run time takes effect.
 */
export function holdHeapGrowthForEditing(): void {
  setFlagsFromString(`--heap-growing-percent=${EDITING_HEAP_GROWTH_PERCENT}`);
}
