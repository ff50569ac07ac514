// Writes the page the Extensions view shows for the packaged extension (vsce --readme-path):
// the editor part of README.md, for someone who installed the extension. That view (Code-OSS 1.139)
// shows images from http(s) URLs only: its sanitizer drops relative and data: sources. So the
// pictures link to where the repository is published (package.json `repository`, or
// KUBE_LOOKUP_IMAGES_URL), and are left out when that is unknown rather than shown broken; links
// into the repository become plain text.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = process.argv[2] ?? path.join(root, 'dist', 'README.md');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The text of a `##`/`###` section, heading included, up to the next heading of the same or a higher level (outside code blocks). */
function section(heading) {
  const lines = readme.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const level = heading.match(/^#+/)[0].length;
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (lines[end].startsWith('```')) fenced = !fenced;
    const match = !fenced && /^(#+) /.exec(lines[end]);
    if (match && match[1].length <= level) break;
  }
  return lines.slice(start, end).join('\n').trim();
}

const intro = readme.slice(readme.indexOf('\n') + 1, readme.indexOf('```')).trim();
const pictures = [...readme.matchAll(/^!\[[^\]]*\]\(docs\/images\/[^)]+\)$/gm)].map((match) => match[0]);
const editor = section('## In the editor').replace(/\n### Other editors[\s\S]*$/, '');
const rules = section('## Rules');

const page = [
  '# kube-lookup',
  intro,
  ...pictures,
  editor,
  rules,
  '## More',
  'The same checks run on the command line (`kube-lookup lint`, `kube-lookup nslookup`) and in other LSP editors (`kube-lookup-language-server --stdio`): the README of the kube-lookup repository shows how.',
].join('\n\n');

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
const imagesUrl = process.env.KUBE_LOOKUP_IMAGES_URL ?? (repository ? `${repository.replace(/\.git$/, '')}/raw/HEAD/` : undefined);

const inlined = page
  .replace(/^([ \t]*)!\[([^\]]*)\]\((docs\/images\/[^)]+)\)\n*/gm, (_, indent, alt, file) => (imagesUrl ? `${indent}![${alt}](${new URL(file, imagesUrl.endsWith('/') ? imagesUrl : `${imagesUrl}/`)})\n\n` : ''))
  // links into the repository: their text stays, the link goes
  .replace(/(?<!!)\[([^\]]+)\]\((?!https?:|#)[^)]+\)/g, '$1');

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${inlined}\n`);
