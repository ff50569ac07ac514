import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDocUrl } from '../service/diagnostics';

/**
 * Where each rule is documented: `docs/rules/<id>.md` of the installed package when it ships them
 * (offline, and always the version that runs), else that path in the repository named by
 * package.json, else the rules table of the README.
 */
export function ruleDocUrls(packageRoot: string): RuleDocUrl {
  let repository: string | undefined;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
    const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    if (url && /^https:\/\//.test(url)) repository = url.replace(/^git\+/, '').replace(/\.git$/, '');
  } catch {
    // no manifest: fall through to the README
  }
  const readme = path.join(packageRoot, 'README.md');
  const lookUp = (ruleId: string): string | undefined => {
    const local = path.join(packageRoot, 'docs', 'rules', `${ruleId}.md`);
    if (fs.existsSync(local)) return pathToFileURL(local).href;
    if (repository) return `${repository}/blob/HEAD/docs/rules/${ruleId}.md`;
    return fs.existsSync(readme) ? `${pathToFileURL(readme).href}#rules` : undefined;
  };
  // once per rule: every diagnostic asks, and the installed package does not change under the server
  const known = new Map<string, string | undefined>();
  return (ruleId) => {
    if (!known.has(ruleId)) known.set(ruleId, lookUp(ruleId));
    return known.get(ruleId);
  };
}

/** The folder of the kube-lookup package.json above `start` (out/server/src/lsp, or a bundle's dist/). */
export function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'kube-lookup') return folder;
    } catch {
      // not here: look further up
    }
    if (path.dirname(folder) === folder) return start;
  }
}
