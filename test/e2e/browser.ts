import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, recordedPage, type RecordedPage } from '../support/chromium.js';
import { afterAll, beforeAll, expect, it } from 'vitest';

/** Screenshots of the e2e runs, to look at. */
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

export { CHROMIUM, launchChromium, recordedPage, type RecordedPage } from '../support/chromium.js';

/** Open the app and wait until the ranking chart of the loaded workspace is drawn. */
export async function openApp(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 60_000 });
}

/** A file as the file input takes it. */
export interface ImportFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/**
 * Go to 数据导入 and drop files into the wizard, as a user dragging them from the desktop. These tests import into
 * the sample on purpose (its counties and catalogue are what they check against), so they answer the question
 * the app asks first with 仍导入到示例工作区.
 */
export async function dropIntoImport(page: Page, files: ImportFile | ImportFile[]): Promise<void> {
  await page.getByRole('menuitem', { name: /数据导入/ }).click();
  await page.getByTestId('import-view').waitFor();
  const guard = page.getByTestId('demo-guard-continue');
  if (await guard.isVisible()) await guard.click();
  await page.getByTestId('import-view').locator('input[type=file]').setInputFiles(files);
}

/** The Chromium of one e2e file: launched with a recorded page before its tests, closed after them. */
export interface ChromiumSession {
  /** The recorded page (after beforeAll). */
  readonly rec: () => RecordedPage;
}

/** Call inside a describe: one browser and recorded page for the file's tests. */
export function chromiumSession(appUrl: string): ChromiumSession {
  let browser: Browser | undefined;
  let rec: RecordedPage | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    rec = await recordedPage(browser, appUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    rec: () => {
      if (!rec) throw new Error('the Chromium session has not started');
      return rec;
    },
  };
}

/** The last test of an e2e file: nothing left 127.0.0.1 and nothing was logged as an error. */
export function itStayedOffline(session: ChromiumSession): void {
  it('made no request outside 127.0.0.1 and logged no errors', () => {
    const rec = session.rec();
    expect(rec.outside).toEqual([]);
    expect(rec.consoleErrors, rec.consoleErrors.join('\n')).toEqual([]);
  });
}

/** Picks `text` for column `col` in the import mapping table and waits until the choice shows. */
export async function chooseMapping(page: Page, col: number, text: string): Promise<void> {
  const mapping = page.getByTestId('mapping-table');
  // The selects are disabled while the previous correction is applied.
  await expect.poll(() => mapping.locator('.ant-select-disabled').count(), { timeout: 30_000 }).toBe(0);
  // The previous column's dropdown must be gone (not merely closing), or its options would match below.
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect.poll(() => open.count(), { timeout: 30_000 }).toBe(0);
  await page.getByTestId(`mapping-${col}`).click();
  await page.keyboard.type(text);
  await open.locator('.ant-select-item-option', { hasText: text }).first().click();
  await expect.poll(() => page.getByTestId(`mapping-${col}`).innerText(), { timeout: 30_000 }).toContain(text);
}

/** A table cell's text without the ⚠ data-quality mark a value may carry. */
export function valueText(cell: string | undefined): string {
  return (cell ?? '').split('⚠')[0]?.trim() ?? '';
}
