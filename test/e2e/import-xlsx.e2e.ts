import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { chromiumSession, dropIntoImport, itStayedOffline, openApp } from './browser.js';

/** A workbook written by LibreOffice: an indicator sheet, a roster, a `__proto__` sheet that cannot be mapped, a hidden sheet. */
const XLSX = readFileSync(new URL('../fixtures/sheets/indicators-roster.xlsx', import.meta.url));

describe('import a multi-sheet workbook in Chromium', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('leaves the hidden sheet out, blocks the commit on an unmappable sheet, and imports once it is left out', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    await dropIntoImport(page, {
      name: 'indicators-roster.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: XLSX,
    });
    const cards = page.getByTestId('sheet-card');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(4);
    const switches = page.getByTestId('sheet-include');
    expect(await switches.evaluateAll((els) => els.map((e) => e.getAttribute('aria-checked')))).toEqual(['true', 'true', 'true', 'false']);

    await page.getByTestId('import-validate').click();
    await page.getByTestId('sheet-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sheet-error').innerText()).toContain('__proto__');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    await page.getByRole('button', { name: '返回修改映射' }).click();
    await switches.nth(2).click();
    await page.getByTestId('import-validate').click();
    const counts = page.getByTestId('report-counts');
    await expect.poll(() => counts.count(), { timeout: 30_000 }).toBe(2);
    const stat = async (i: number, title: string) =>
      Number(await counts.nth(i).locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value').innerText());
    // 指标汇总: 5 rows read = 2 imported + 1 rejected (unknown region) + 2 skipped; 干部名册: 3 read, 3 imported.
    expect([await stat(0, '读取行'), await stat(0, '导入行'), await stat(0, '拒绝行'), await stat(0, '跳过行')]).toEqual([5, 2, 1, 2]);
    expect([await stat(1, '读取行'), await stat(1, '导入行'), await stat(1, '拒绝行')]).toEqual([3, 3, 0]);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-done').innerText()).toContain('干部名册 3 行');
  });

  itStayedOffline(session);
});
