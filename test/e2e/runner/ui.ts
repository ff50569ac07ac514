/**
 * UI tests: the packaged .vsix installed into code-server, driven through headless Chromium as a
 * user would — hover a Service, read the Problems panel, run "kube-lookup: Simulate nslookup" from
 * the palette, pick the cluster of a Kustomize base from the status bar. Every step leaves a
 * screenshot in .work/screenshots/ui/.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests } from './browser';
import { installExtension, startCodeServer } from './codeServer';
import { overlaysFixture, repoRoot, vsixPath } from './paths';
import { prepareRunFolder, type RunFolder } from './runFolder';
import { stopwatch, summaryLine } from './summary';
import { activeEditorText, choose, hoverUntil, openFile, runCommand, waitForWorkbench } from './workbench';

interface CliFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What the CLI built from this checkout says about the workspace copy: the UI must agree. */
function cliLint(run: RunFolder): CliFinding[] {
  const cli = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'main.js');
  // the editor reads Kustomize files as written: the CLI's rendering would add findings it cannot have
  const result = spawnSync(process.execPath, [cli, 'lint', '.', '--no-render', '--format', 'json'], { cwd: run.workspace, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`kube-lookup lint failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { findings: CliFinding[] }).findings;
}

type Step = (page: Page) => Promise<void>;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function steps(run: RunFolder): [string, Step][] {
  const findings = cliLint(run);
  const shown = { clusterIp: '(the hover step did not run)' };
  return [
    ['workbench', async (page) => waitForWorkbench(page)],
    [
      'hover',
      async (page) => {
        await openFile(page, 'seeds/clusterip1.yaml');
        const text = await hoverUntil(page, 'name: clusterip1', 'clusterip1', 'clusterip1.default.svc.cluster.local');
        const clusterIp = /cluster IP (\S+) \(simulated\) · 80\/TCP → 8080/.exec(text);
        assert(clusterIp, `the hover shows no cluster IP with port 80 → 8080:\n${text}`);
        shown.clusterIp = clusterIp[1]!;
        assert(/pod1\s+\S+ \(simulated\)\s+8080\s+yes/.test(text), `the hover lists no ready endpoint pod1:8080:\n${text}`);
      },
    ],
    [
      'problems',
      async (page) => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await runCommand(page, 'Problems: Focus on Problems View');
        const panel = page.locator('.markers-panel');
        await panel.waitFor({ state: 'visible' });
        // every finding of the CLI's report is a row with its message, rule and position
        await runCommand(page, 'View: Toggle Maximized Panel');
        for (const finding of findings) {
          const place = `[Ln ${finding.line}, Col ${finding.column}]`;
          const row = panel.locator('.monaco-list-row').filter({ hasText: finding.message.slice(0, 60) }).filter({ hasText: place });
          await row.first().waitFor({ timeout: 30_000 }).catch(() => {
            throw new Error(`no row ${finding.file} ${place} "${finding.message}"`);
          });
          const text = (await row.first().innerText()).replace(/\s+/g, ' ');
          assert(text.includes(`kube-lookup ${finding.ruleId}`), `row without kube-lookup ${finding.ruleId}: ${text}`);
        }
        await page.screenshot({ path: path.join(run.screenshots, 'problems-maximized.png') });
        await runCommand(page, 'View: Toggle Maximized Panel');
        // the status bar counts what the editor shows: it must be the CLI's numbers
        const errors = findings.filter((f) => f.severity === 'error').length;
        const warnings = findings.filter((f) => f.severity === 'warning').length;
        const status = page.locator('#status\\.problems');
        await page.waitForFunction(
          ([e, w]) => {
            const label = document.querySelector('#status\\.problems')?.textContent ?? '';
            const [shownErrors, shownWarnings] = (label.match(/\d+/g) ?? []).map(Number);
            return shownErrors === e && shownWarnings === w;
          },
          [errors, warnings],
          { timeout: 30_000 },
        ).catch(async () => {
          throw new Error(`status bar shows "${await status.innerText()}", the CLI counts ${errors} errors and ${warnings} warnings`);
        });
      },
    ],
    [
      'nslookup',
      async (page) => {
        await page.keyboard.press('Escape');
        // room for the transcript beside the manifest
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await runCommand(page, 'kube-lookup: Simulate nslookup');
        await choose(page, 'ask from which Pod?', 'request-pod', /\brequest-pod$/);
        await choose(page, 'which name?', 'clusterip1', /^clusterip1$/);
        await choose(page, 'record type', '', /^A$/);
        await page.locator('.tab.active', { hasText: /nslookup/i }).waitFor({ timeout: 30_000 });
        const transcript = await activeEditorText(page);
        assert(/^Name:\s+clusterip1\.default\.svc\.cluster\.local$/m.test(transcript), `transcript without the FQDN:\n${transcript}`);
        // the answer is the address the hover showed
        assert(new RegExp(`^Address: ${shown.clusterIp.replace(/\./g, '\\.')} \\(simulated\\)$`, 'm').test(transcript), `transcript without Address: ${shown.clusterIp}:\n${transcript}`);
      },
    ],
    [
      'nslookup again from the transcript: a name typed and entered at once, the same tab',
      async (page) => {
        const groups = await page.locator('.editor-group-container').count();
        await runCommand(page, 'kube-lookup: Simulate nslookup');
        await choose(page, 'ask from which Pod?', 'request-pod', /\brequest-pod$/);
        await page.locator('.quick-input-widget .quick-input-title', { hasText: 'which name?' }).waitFor({ state: 'visible' });
        // Enter straight after the last key: the list may not show the typed name yet
        await page.keyboard.type('headless1.default', { delay: 0 });
        await page.keyboard.press('Enter');
        await choose(page, 'record type', '', /^A$/);
        await page.locator('.tab.active', { hasText: 'nslookup headless1.default (A) from default∕request-pod' }).waitFor({ timeout: 30_000 });
        const transcript = await activeEditorText(page);
        assert(/headless1\.default\.svc\.cluster\.local/.test(transcript), `transcript without headless1:\n${transcript}`);
        assert((await page.locator('.tab', { hasText: 'nslookup ' }).count()) === 1, 'more than one nslookup tab');
        const after = await page.locator('.editor-group-container').count();
        assert(after === groups, `editor groups: ${groups} before, ${after} after`);
      },
    ],
    [
      'service map',
      async (page) => {
        await page.keyboard.press('Escape');
        await runCommand(page, 'View: Close All Editors');
        await openFile(page, 'seeds/clusterip1.yaml');
        await runCommand(page, 'kube-lookup: Show service map');
        const map = serviceMapFrame(page);
        // the folder's plain cluster: the seeds and the broken examples together
        for (const id of ['service:default/kubia', 'workload:ReplicaSet/default/kubia', 'external:github.github.io', 'service:default/clusterip1', 'service:default/frontend']) {
          await map.locator(`[data-node="${id}"]`).waitFor({ timeout: 60_000 }).catch(() => {
            throw new Error(`the map has no node ${id}`);
          });
        }
        const red = map.locator('.edge.broken[data-edge="service:default/frontend->workload:Deployment/default/frontend#intended"]');
        await red.waitFor({ timeout: 10_000 }).catch(() => {
          throw new Error('the mistyped selector of Service frontend is no red edge');
        });
        const tooltip = await red.locator('title').textContent();
        assert(tooltip?.includes('selector app=frontent matches no Pod'), `the red edge's tooltip lacks the finding: ${tooltip}`);
        // the text alternative says the same
        const list = await map.locator('#links').textContent();
        assert(list?.includes('was meant to reach') && list.includes('app=frontent'), `the list of links lacks the broken one: ${list?.slice(0, 400)}`);
        await page.screenshot({ path: path.join(run.screenshots, 'service-map-beside.png') });
        // the map alone, for the README (its group is the active one since it opened); the webview
        // holds the focus, and the palette it opens now and then loses it at once: one more try
        const command = (title: string) => runCommand(page, title).catch(async () => {
          await page.keyboard.press('Escape');
          await runCommand(page, title);
        });
        await command('View: Hide Panel');
        await command('View: Toggle Maximize Editor Group');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(run.screenshots, 'service-map.png') });
        await command('View: Toggle Maximize Editor Group');
      },
    ],
    [
      'service map click-through',
      async (page) => {
        const map = serviceMapFrame(page);
        await map.locator('[data-node="service:default/frontend"]').click();
        await page.locator('.tab.active', { hasText: 'app.yaml' }).waitFor({ timeout: 30_000 });
        const text = await activeEditorText(page);
        assert(text.includes('app: frontent'), `the click did not open Service frontend's manifest:\n${text.slice(0, 400)}`);
        // the keyboard: focus a node, Enter opens it
        await map.locator('[data-node="service:default/kubia"]').focus();
        await map.locator('[data-node="service:default/kubia"]').press('Enter');
        await page.locator('.tab.active', { hasText: 'kubia.yaml' }).waitFor({ timeout: 30_000 });
        // the arrow keys follow links: right from the Service to the workload it selects, and back
        const focusedNode = () => map.locator(':focus').getAttribute('data-node');
        await map.locator('[data-node="service:default/kubia"]').focus();
        await map.locator('[data-node="service:default/kubia"]').press('ArrowRight');
        assert((await focusedNode()) === 'workload:ReplicaSet/default/kubia', `ArrowRight from Service kubia focused ${await focusedNode()}`);
        await map.locator(':focus').press('ArrowLeft');
        assert((await focusedNode()) === 'service:default/kubia', `ArrowLeft back focused ${await focusedNode()}`);
      },
    ],
    [
      'service map from a Service\'s CodeLens',
      async (page) => {
        await openFile(page, 'seeds/headless1.yaml');
        const lens = page.locator('.codelens-decoration a', { hasText: 'service map' }).first();
        await lens.waitFor({ timeout: 60_000 });
        await lens.click();
        const map = serviceMapFrame(page);
        // narrowed to the Service's namespace, with the Service focused
        await map.locator('[data-node="service:default/headless1"]:focus').waitFor({ timeout: 30_000 }).catch(async () => {
          throw new Error(`the map opened from the CodeLens focused ${await map.locator(':focus').getAttribute('data-node').catch(() => 'nothing')}`);
        });
        assert((await map.locator('#namespace').inputValue()) === 'default', 'the map opened from the CodeLens is not narrowed to namespace default');
      },
    ],
    [
      'cluster status',
      async (page) => {
        // a Kustomize base used by three overlays: the status item shows the file's first cluster
        await openFile(page, 'kustomize/base/service.yaml');
        const status = (text: string) => page.locator('.statusbar-item', { hasText: text }).first();
        await status('⎈ kustomize/overlays/prod').waitFor({ timeout: 60_000 });
        await status('⎈ kustomize/overlays/prod').click();
        await choose(page, 'cluster for this file', '', /^kustomize\/overlays\/staging$/);
        await status('⎈ kustomize/overlays/staging').waitFor({ timeout: 30_000 });
        // the pick is the file's: a file of one cluster shows its own
        await openFile(page, 'kustomize/overlays/prod/kustomization.yaml');
        await status('⎈ kustomize/overlays/prod').waitFor({ timeout: 30_000 });
      },
    ],
    [
      'a rule link of the Problems panel opens the rule\'s page rendered',
      async (page) => {
        await runCommand(page, 'Problems: Focus on Problems View');
        const panel = page.locator('.markers-panel');
        await panel.waitFor({ state: 'visible' });
        const link = panel.locator('.monaco-list-row a', { hasText: 'endpoints-without-service' }).first();
        await link.waitFor({ timeout: 30_000 });
        await link.click();
        // the page is a webview: an iframe inside an iframe; rendered, so a heading, and "<name>" where the Markdown says &lt;name>
        for (let attempt = 0; attempt < 60; attempt++) {
          for (const frame of page.frames()) {
            const shown = await frame.evaluate(() => ({
              heading: document.querySelector('h1')?.textContent ?? '',
              text: document.body?.innerText ?? '',
              links: Array.from(document.querySelectorAll('a')).map((anchor) => anchor.getAttribute('href') ?? ''),
            })).catch(() => undefined);
            if (shown?.heading !== 'endpoints-without-service') continue;
            assert(shown.text.includes('Endpoints "<name>" matches no Service'), `the page is not rendered Markdown:\n${shown.text.slice(0, 400)}`);
            assert(!shown.text.includes('&lt;') && !shown.text.includes('## '), 'raw Markdown on the page');
            // in a tab of its own, named after the page
            await page.locator('.tabs-container .tab.active', { hasText: 'endpoints-without-service.md' }).waitFor({ timeout: 10_000 });
            return;
          }
          await page.waitForTimeout(500);
        }
        throw new Error('no rendered page of endpoints-without-service');
      },
    ],
    [
      'the Extensions view shows the extension\'s own page, with no broken picture',
      async (page) => {
        await runCommand(page, 'Extensions: Show Installed Extensions');
        await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'kube-lookup' }).first().click();
        // the page is a webview: an iframe inside an iframe
        for (let attempt = 0; attempt < 60; attempt++) {
          for (const frame of page.frames()) {
            const shown = await frame.evaluate(() => ({
              headings: Array.from(document.querySelectorAll('h2')).map((heading) => heading.textContent ?? ''),
              broken: Array.from(document.images).filter((image) => image.complete && image.naturalWidth === 0).map((image) => image.alt),
            })).catch(() => undefined);
            if (!shown?.headings.includes('In the editor')) continue;
            assert(shown.broken.length === 0, `broken pictures: ${shown.broken.join(', ')}`);
            assert(!shown.headings.includes('The CLI'), 'the page starts with the CLI');
            // a rule link of the table opens the rule's page, further down the same page
            const target = 'rule-endpoints-without-service';
            const before = await frame.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1, target);
            assert(before > 0, `no page of endpoints-without-service below the table (${before})`);
            await frame.locator(`a[href="#${target}"]`).first().click();
            for (let wait = 0; wait < 20; wait++) {
              const top = await frame.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, target);
              if (Math.abs(top) < 100) return;
              await page.waitForTimeout(250);
            }
            throw new Error('the rule link of the table did not open the rule\'s page');
          }
          await page.waitForTimeout(500);
        }
        throw new Error('no page with an "In the editor" section');
      },
    ],
    [
      'the walkthrough the Extensions page names shows its pictures from the installed extension',
      async (page) => {
        await runCommand(page, 'Welcome: Open Walkthrough...');
        await page.locator('.quick-input-widget input').fill('kube-lookup');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with kube-lookup' }).first().click();
        const alts = ['The Problems panel listing the broken examples', 'The hover of a Service', 'An nslookup transcript beside the manifest'];
        for (let attempt = 0; attempt < 60; attempt++) {
          for (const frame of page.frames()) {
            const images = await frame.evaluate((wanted) => Array.from(document.images).filter((image) => wanted.includes(image.alt)).map((image) => ({ alt: image.alt, loaded: image.complete && image.naturalWidth > 0, complete: image.complete })), alts).catch(() => []);
            const loaded = images.filter((image) => image.loaded);
            const broken = images.filter((image) => image.complete && !image.loaded);
            assert(broken.length === 0, `broken walkthrough pictures: ${broken.map((image) => image.alt).join(', ')}`);
            if (loaded.length > 0) return;
          }
          await page.waitForTimeout(500);
        }
        throw new Error('the walkthrough shows none of its pictures');
      },
    ],
  ];
}

/** The page inside the service map webview: code-server nests it in two frames. */
function serviceMapFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

async function main(): Promise<number> {
  const elapsed = stopwatch();
  const run = prepareRunFolder('ui');
  // Kustomize overlays beside the examples: several clusters in one folder
  fs.cpSync(overlaysFixture, path.join(run.workspace, 'kustomize'), { recursive: true });
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run test:e2e`);
  const installed = installExtension(run, vsixPath);
  assert(/^kube-lookup\.kube-lookup@/m.test(installed), `the .vsix did not install: ${installed}`);
  console.log(`[${elapsed()}] installed ${installed}`);
  const server = await startCodeServer(run);
  console.log(`[${elapsed()}] code-server on ${server.origin}`);
  let passed = 0;
  let failed = 0;
  const browser = await launchBrowser(run).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const foreign = recordForeignRequests(browser);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(run.workspace)}`);
    for (const [name, step] of steps(run)) {
      try {
        await step(page);
        passed++;
        console.log(`[${elapsed()}] ok   ${name}`);
      } catch (error) {
        failed++;
        console.log(`[${elapsed()}] FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await page.screenshot({ path: path.join(run.screenshots, `${name}.png`) });
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  if (foreign.length === 0) {
    passed++;
    console.log(`[${elapsed()}] ok   the workbench asked nothing of any host but 127.0.0.1`);
  } else {
    failed++;
    console.log(`[${elapsed()}] FAIL requests left this machine: ${[...new Set(foreign)].join(', ')}`);
  }
  console.log(summaryLine('ui', passed, failed));
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(summaryLine('ui', 0, 1));
    process.exit(1);
  },
);
