import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What is wrong with a values file a `charts:` entry names, relative to the settings file's folder:
 * it must be a file inside that folder, links resolved (so a settings file cannot have helm read
 * a file elsewhere). Undefined when it is fine.
 */
export function valuesFileProblem(folder: string, file: string): string | undefined {
  const given = path.join(folder, file);
  let real: string;
  try {
    real = fs.realpathSync(given);
    if (!fs.statSync(real).isFile()) return `not a file: ${given}`;
  } catch {
    return `no such file: ${given}`;
  }
  const relative = path.relative(fs.realpathSync(folder), real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return `${given} is outside the folder of the settings file`;
  return undefined;
}
