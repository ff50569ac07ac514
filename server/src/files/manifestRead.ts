import { readTextFile, readTextFileSync, type ReadOptions, type TextRead } from './readTextFile';

/** A manifest file's text, or why it is skipped as the message of its `file-skipped` finding. */
export type ManifestRead =
  | { readonly text: string; readonly skipped?: undefined }
  /** `missing`: the file is gone (deleted meanwhile); the server forgets it, the CLI reports it. */
  | { readonly text?: undefined; readonly skipped: string; readonly missing: boolean };

export interface ManifestReadLimits {
  /** The maxFileSize setting, in characters (UTF-16 code units). */
  readonly maxFileSize: number;
  /** Real paths of the folders analysed; links out of them are not followed (see ReadOptions). */
  readonly within?: readonly string[];
  /** Found by walking `within` (see ReadOptions). */
  readonly walked?: boolean;
}

/** Reads a manifest file as the CLI, the server and its worker thread all do. */
export function readManifestFileSync(file: string, limits: ManifestReadLimits): ManifestRead {
  return asManifest(readTextFileSync(file, readOptions(limits)), limits);
}

/** readManifestFileSync through the thread pool. */
export async function readManifestFile(file: string, limits: ManifestReadLimits): Promise<ManifestRead> {
  return asManifest(await readTextFile(file, readOptions(limits)), limits);
}

// UTF-8 needs at most 3 bytes per UTF-16 code unit, so a larger file is over the limit unread;
// the parser counts the characters of the rest
function readOptions(limits: ManifestReadLimits): ReadOptions {
  return { maxBytes: 3 * limits.maxFileSize, within: limits.within, walked: limits.walked };
}

function asManifest(read: TextRead, limits: ManifestReadLimits): ManifestRead {
  switch (read.kind) {
    case 'text':
      // the parser would skip it with the same words; dropped here, its text is neither passed on nor held
      if (read.text.length > limits.maxFileSize) return { skipped: `File skipped: ${read.text.length} characters is over the limit of ${limits.maxFileSize} (setting maxFileSize).`, missing: false };
      return { text: read.text };
    case 'too-large': {
      const bytes = read.bytes === undefined ? `more than ${3 * limits.maxFileSize}` : String(read.bytes);
      return { skipped: `File skipped: ${bytes} bytes is over the limit of ${limits.maxFileSize} characters (setting maxFileSize).`, missing: false };
    }
    case 'outside':
      return { skipped: `File skipped: it is a link to ${read.target}, outside the folders analysed; such links are not followed.`, missing: false };
    case 'unreadable':
      return { skipped: `File skipped: cannot read it (${read.reason}).`, missing: read.missing };
  }
}
