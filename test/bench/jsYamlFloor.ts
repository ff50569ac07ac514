import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAll } from 'js-yaml';

/**
 * The floor the lint is measured against: read every manifest below a folder and parse it with
 * js-yaml's loadAll, nothing else. Run in a fresh process, like the lint.
 */
function walk(folder: string, files: string[]): string[] {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (/\.(ya?ml|json)$/.test(entry.name)) files.push(full);
  }
  return files;
}

let documents = 0;
for (const file of walk(process.argv[2], [])) loadAll(fs.readFileSync(file, 'utf8'), () => void documents++);
process.stdout.write(`${JSON.stringify({ documents })}\n`);
