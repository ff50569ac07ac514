import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver/node';
import { code, text } from '../../server/src/service/markdown';
import { LspSession, uriOf } from './lspHarness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean; linkify: boolean }) => { render(source: string): string };
/** The most permissive renderer: raw HTML on, bare URLs linked. Hover text must stay inert even here. */
const markdown = new MarkdownIt({ html: true, linkify: true });

const IMAGE = '![pwn](https://evil.example/track.png)';
const LINK = '[click](https://evil.example/login)';

/** Names, labels and addresses that try to end a code span, a table cell or a line, and turn into markup. */
const HOSTILE = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  `  name: "db\`${IMAGE}\`"`,
  '  namespace: "www.evil.example"',
  'spec:',
  '  clusterIP: None',
  '  selector:',
  `    app: "x\`\`${LINK}"`,
  '  ports:',
  `  - name: "p<img src=https://evil.example/p.png>"`,
  '    port: 80',
  `    targetPort: "t|${IMAGE}"`,
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  `  name: "pod|<img src=https://evil.example/pod.png>|\\n# heading\\n${IMAGE}"`,
  '  namespace: "www.evil.example"',
  '  labels:',
  `    app: "x\`\`${LINK}"`,
  'spec:',
  `  hostname: "h${IMAGE}"`,
  `  subdomain: "db\`${IMAGE}\`"`,
  '  containers:',
  `  - name: "c\`\`\`${LINK}"`,
  '    ports:',
  `    - name: "p<img src=https://evil.example/p.png>"`,
  '      containerPort: 80',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  `  name: "lonely${LINK}"`,
  'spec:',
  '  hostname: h',
  `  subdomain: "none\`${IMAGE}\`"`,
  '  containers:',
  '  - name: c',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  `  name: "ext${LINK}"`,
  'spec:',
  '  type: ExternalName',
  `  externalName: "evil.example/${IMAGE}"`,
  '---',
  'apiVersion: v1',
  'kind: Endpoints',
  'metadata:',
  `  name: "db\`${IMAGE}\`"`,
  '  namespace: www.evil.example',
  'subsets:',
  '- addresses:',
  `  - ip: "1.2.3.4 ${IMAGE} user@evil.example"`,
  `    hostname: "e|${LINK}"`,
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: ing',
  '  namespace: www.evil.example',
  'spec:',
  '  rules:',
  '  - http:',
  '      paths:',
  '      - path: /',
  '        pathType: Prefix',
  '        backend:',
  '          service:',
  `            name: "db\`${IMAGE}\`"`,
  '            port:',
  `              name: "q\`\`${LINK}"`,
  '      - path: /b',
  '        pathType: Prefix',
  '        backend:',
  '          service:',
  `            name: "gone\`${IMAGE}\`"`,
  '            port:',
  '              number: 80',
  '---',
  'apiVersion: autoscaling/v2',
  'kind: HorizontalPodAutoscaler',
  'metadata:',
  '  name: hpa',
  '  namespace: www.evil.example',
  'spec:',
  '  scaleTargetRef:',
  '    apiVersion: apps/v1',
  '    kind: Deployment',
  `    name: "web\`${IMAGE}\`"`,
  '  maxReplicas: 2',
  '',
].join('\n');

/** What rendered hover HTML may contain: markup of our own, never a link, an image or raw HTML from a name. */
function assertInert(html: string, hover: string): void {
  assert.doesNotMatch(html, /<img|<a |<h\d|<script|<iframe/i, `live markup from workspace text:\n${hover}\n---\n${html}`);
}

describe('hover Markdown with hostile names', () => {
  let folder: string;
  let session: LspSession;
  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-lookup-hover-md-'));
    fs.writeFileSync(path.join(folder, 'hostile.yaml'), HOSTILE);
    session = await LspSession.start([folder]);
  });
  after(async () => {
    await session.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('renders no link, image, heading or HTML from workspace text, in any hover of the file', async () => {
    const uri = uriOf(path.join(folder, 'hostile.yaml'));
    const hovers: string[] = [];
    const lines = HOSTILE.split('\n');
    for (const [line, content] of lines.entries()) {
      // the key and the value of every line
      const key = content.search(/\S/);
      const value = content.indexOf(': ') + 2;
      for (const character of [key, value].filter((at) => at >= 0 && at < content.length)) {
        const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
        if (hover) hovers.push((hover.contents as { value: string }).value);
      }
    }
    // the Services, the Pod, its subdomain, labels and ports, the selector, the ExternalName and the Endpoints all answer
    assert.ok(hovers.length >= 10, `${hovers.length} hovers`);
    for (const hover of hovers) assertInert(markdown.render(hover), hover);
    // the names still read as written
    // the Ingress backends (reference hovers) too, the Service found and the one missing
    assert.equal(hovers.filter((hover) => hover.startsWith('**Ingress')).length >= 2, true, hovers.join('\n---\n'));
    assert.equal(hovers.some((hover) => hover.startsWith('**HorizontalPodAutoscaler scaleTargetRef**')), true, hovers.join('\n---\n'));
    const service = hovers.find((hover) => hover.startsWith('**Service**'))!;
    assert.ok(markdown.render(service).includes(`<code>www.evil.example/db\`${IMAGE.replace(/&/g, '&amp;')}\`</code>`), service);
  });

  it('code spans take a fence longer than any backtick run, and text escapes what starts markup', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x'), '`` `x ``');
    assert.equal(code('a\nb'), '`a b`');
    for (const hostile of [`\`\`\`${IMAGE}`, `a|b${LINK}`, '<img src=x>', 'user@evil.example', 'https://evil.example', 'www.evil.example']) {
      assertInert(markdown.render(`x ${code(hostile)} ${text(hostile)}`), hostile);
      assertInert(markdown.render(`| a |\n| --- |\n| ${text(hostile)} |`), hostile);
      assert.equal(markdown.render(`x ${code(hostile)}`).includes('<code>'), true);
    }
  });
});
