/** Playwright moves on code-server's workbench: the selectors live here, not in the tests. */
import type { Locator, Page } from 'playwright-core';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Runs a command by its palette title: F1, type it, click the row with exactly that label. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const label = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first().click();
}

/**
 * Answers the quick pick titled `title` (waiting for that title, so a keystroke never lands in the
 * previous prompt): types `filter`, then clicks the row whose label matches `row`.
 */
export async function choose(page: Page, title: string, filter: string, row: RegExp): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
  const input = page.locator('.quick-input-widget input');
  if (filter) await input.fill(filter);
  const rows = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: row }) });
  await rows.first().click();
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  const fileName = relativePath.split('/').pop()!;
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: fileName }).waitFor();
  await activeEditor(page).locator('.view-lines').waitFor();
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance');
}

/** The visible text of the active editor, line by line (monaco uses non-breaking spaces). */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = await activeEditor(page).locator('.view-line').evaluateAll((elements) =>
    elements
      .map((element) => ({ top: parseFloat((element as HTMLElement).style.top), text: element.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, ' ')),
  );
  return lines.join('\n');
}

/**
 * Hovers the token `word` on the editor line containing `line` until a hover containing
 * `expected` shows (the language server may still be reading the workspace), and returns its text.
 */
export async function hoverUntil(page: Page, line: string, word: string, expected: string, timeoutMs = 60_000): Promise<string> {
  const token = activeEditor(page)
    .locator('.view-line', { hasText: line })
    .locator('span > span', { hasText: new RegExp(`^${word}$`) })
    .first();
  const hover = page.locator('.monaco-hover-content', { hasText: expected }).first();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await page.mouse.move(5, 5);
    await token.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 2_000 });
      return (await hover.innerText()).replace(/\u00a0/g, ' ');
    } catch {
      // no hover yet, or someone else's: move away and try again
    }
  }
  throw new Error(`no hover containing "${expected}" over "${word}"`);
}
