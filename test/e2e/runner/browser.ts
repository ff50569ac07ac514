import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './paths';
import type { RunFolder } from './runFolder';

/** Debian's Chromium, headless, with everything that would phone home turned off. */
export function launchBrowser(run: RunFolder): Promise<BrowserContext> {
  return chromium.launchPersistentContext(run.browserProfile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1600, height: 960 },
    // Chromium writes crash reports and dconf under $HOME even with its own profile folder
    env: { ...process.env, XDG_CONFIG_HOME: run.xdg.config, XDG_CACHE_HOME: run.xdg.cache, TMPDIR: run.tmp },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-features=MediaRouter,OptimizationHints,Translate',
    ],
  });
}

/** Requests the page makes to anywhere but this machine (there should be none). */
export function recordForeignRequests(browser: BrowserContext): string[] {
  const foreign: string[] = [];
  const local = new Set(['127.0.0.1', 'localhost', '[::1]']);
  browser.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && !local.has(url.hostname)) {
      foreign.push(request.url());
    }
  });
  return foreign;
}
