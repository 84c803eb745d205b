import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

describe('warnings on the sample (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('lists the period’s warnings with level, status and 一把手, and a click shows the evidence and leads to the trend', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /预警/ }).click();
    const rows = page.getByTestId('warnings-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(10);
    const summary = await page.getByTestId('warnings-summary').innerText();
    expect(summary).toMatch(/红线 \d+ 条 · 黄线 \d+ 条 · 解除 \d+ 条 · 规则来自导入的预警规则表（11 条）/);
    // Only red ones: every row's level tag reads 红线.
    await page.getByTestId('warnings-level').getByText(/^红线/).click();
    await expect.poll(async () => (await page.getByTestId('warnings-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).every((x) => x.trim() === '红线'), { timeout: 30_000 }).toBe(true);
    const red = Number(/红线 (\d+) 条/.exec(summary)?.[1]);
    expect(await rows.count()).toBe(Math.min(red, 50));
    const region = (await rows.first().locator('td').nth(2).innerText()).trim();
    await rows.first().click();
    const evidence = page.getByTestId('warnings-evidence');
    await expect.poll(() => evidence.innerText(), { timeout: 10_000 }).toMatch(/规则[\s\S]*第1版，红线[\s\S]*一把手/);
    await page.screenshot({ path: `${ARTIFACTS}warnings-1920.png` });
    // The evidence leads to the region's trend on the indicator.
    await page.getByTestId('warnings-trend').click();
    await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('trend-regions').innerText(), { timeout: 30_000 }).toContain(region);
  });

  itStayedOffline(session);
});
