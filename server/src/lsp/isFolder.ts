import * as fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** True when a file URI names a folder (not a link to one: linked folders are not followed). */
export async function isFolder(uri: string): Promise<boolean> {
  if (!uri.startsWith('file:')) return false;
  try {
    return (await fs.lstat(fileURLToPath(uri))).isDirectory();
  } catch {
    return false;
  }
}
