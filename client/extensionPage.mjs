// Writes the page the Extensions view shows for the packaged extension (vsce --readme-path):
// the editor part of README.md, for someone who installed the extension, and the rule pages.
//
// What that view (Code-OSS 1.139, the extension editor's README webview) can show, read from its
// source: its sanitizer keeps only http(s) image sources (relative and data: sources are dropped),
// its webview runs without the service worker that serves an extension's files, and it opens links
// to http(s), mailto and in-page anchors only (no relative link, no command but one of its own).
// So, offline and with no public repository URL:
// - pictures need a web address: they link to where the repository is published (package.json
//   `repository`, or KUBE_LOOKUP_IMAGES_URL); without one the page sends the reader to the
//   walkthrough, which shows the same pictures from the installed extension;
// - the rules table links to the rule pages, appended to this page under anchors of their own;
// - other links into the repository become plain text.
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

const rulesFolder = path.join(root, 'docs', 'rules');
/** The anchor of a rule's page on this page. */
const anchorOf = (page) => `rule-${page.replace(/\.md$/, '')}`;

const intro = readme.slice(readme.indexOf('\n') + 1, readme.indexOf('```')).trim();
const pictures = [...readme.matchAll(/^!\[[^\]]*\]\(docs\/images\/[^)]+\)$/gm)].map((match) => match[0]);
const editor = section('## In the editor').replace(/\n### Other editors[\s\S]*$/, '');
const rules = section('## Rules');

/** The rule pages of docs/rules/, in the catalogue's order, each under its anchor with its headings two levels down. */
function rulePages() {
  const pages = fs.readdirSync(rulesFolder).filter((file) => file.endsWith('.md') && file !== 'README.md').sort();
  return pages.map((page) => {
    let fenced = false;
    const text = fs.readFileSync(path.join(rulesFolder, page), 'utf8').trim().split('\n').map((line) => {
      if (line.startsWith('```')) fenced = !fenced;
      return !fenced && /^#{1,4} /.test(line) ? `##${line}` : line;
    }).join('\n');
    // links between rule pages stay on this page
    return `<a id="${anchorOf(page)}"></a>\n\n${text.replace(/\]\(([a-z0-9-]+\.md)\)/g, (_, target) => `](#${anchorOf(target)})`)}`;
  });
}

const walkthrough = 'The walkthrough **Get started with kube-lookup** shows these features in pictures: run **Welcome: Open Walkthrough...** and pick it.';

const page = [
  '# kube-lookup',
  intro,
  ...pictures,
  walkthrough,
  editor,
  // the table's links go to the rule pages below
  rules.replace(/\]\(docs\/rules\/([a-z0-9-]+\.md)\)/g, (_, target) => `](#${anchorOf(target)})`),
  '## Rule pages',
  ...rulePages(),
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
